/**
 * The embedded default: better-sqlite3 in WAL mode, two files in the data directory
 * (see migrations.ts for why the queue has its own file).
 *
 * better-sqlite3 is synchronous; every call here is short (one statement or one batched
 * transaction), so wrapping results in promises costs little and keeps the Store contract async.
 * Each thread opens its own SqliteStore: ingest (main thread) is the only writer of queue.db,
 * digest (worker thread) the only writer of events and issues.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { applyRetentionPlan } from '../apply-retention-plan.js';
import { DELETE_ISSUES_WITHOUT_EVENTS, inBatches, deleteReceivedBefore } from '../retention.js';
import type { RetentionResult } from '../retention.js';
import { planRetention } from '../retention-policy.js';
import type { RetentionPolicy } from '../retention-policy.js';
import { WatchSet } from '../watch-set.js';
import { listOutcomes, recordOutcomes } from '../outcomes.js';
import type { OutcomeListOptions } from '../outcomes.js';
import { UNLIMITED_BYTES, entriesWithinBudget } from '../claim-budget.js';
import { updateKey, updateProject } from '../project-settings.js';
import { setIssuesStatus } from '../issue-actions.js';
import type { Sql } from '../sql.js';
import type {
  ChangeListener,
  ChangeWatch,
  ClaimedEnvelope,
  DigestedBatch,
  EventAttachment,
  EventRecord,
  HourlyCount,
  IssueActivity,
  IssueStatus,
  TagCount,
  IssueListOptions,
  IssueRecord,
  OutcomeRecord,
  Project,
  ProjectKey,
  ProjectChanges,
  QueuedEnvelope,
  RateDecision,
  RateLimitSetting,
} from '../types.js';
import { MAIN_MIGRATIONS } from '../schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../schema/queue-migrations.js';
import { migrate } from './migrations.js';
import { persistBatch } from './persist-batch.js';
import { RateLimiter } from './rate-limiter.js';
import { EVENT_COLUMNS, rowToEvent, rowToKey, rowToProject } from './rows.js';
import type { EventRow, KeyRow, ProjectRow } from './rows.js';
import { rowToIssue } from '../issue-row.js';
import type { SqlRow } from '../sql.js';
import { isSqliteUnavailable } from './unavailable.js';
import { watchSqlite } from './watch.js';
import { QUEUE_WAL_SIZE_LIMIT, reclaimQueueSpace } from './queue-space.js';
import { SqliteSql } from './sql.js';
import { freeSlug, slugFromName, slugRange } from '../project-slug.js';

export interface SqliteStoreOptions {
  /** Open existing files for reading only (the CLI's read commands, while a server runs). */
  readonly?: boolean;
  /**
   * This connection appends to the queue. It then does not checkpoint queue.db's WAL as it
   * commits: a checkpoint copies megabytes and made every few-hundredth acknowledgement wait
   * 15 ms or more. The digest side checkpoints instead, after each batch (checkpoints don't
   * block writers); the writer does only when digest falls behind or after giving space back,
   * once a second at most (queue-space.ts).
   */
  queueWriter?: boolean;
}

export const MAIN_DB_FILE = 'faultline.db';
export const QUEUE_DB_FILE = 'queue.db';

export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

/**
 * queue.db holds raw envelopes (≈14 KB for a typical Node error): with 4 KB pages each spills
 * over four overflow pages; 16 KB pages made a 32-envelope group commit ≈30 % cheaper here.
 * A page size takes effect only when the file is created (before WAL mode is set).
 */
const QUEUE_PAGE_SIZE = 16_384;

function openDatabase(file: string, readonly: boolean, pageSize?: number): Database.Database {
  if (readonly && !fs.existsSync(file)) {
    throw new DataDirError(
      `no Faultline data at ${file} (start the server with this --data-dir first)`,
    );
  }
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -2000');
  if (!readonly && pageSize !== undefined) {
    db.pragma(`page_size = ${pageSize}`);
    // Lets queue-space.ts give a backlog's pages back; like page_size it takes effect when the
    // file is created, or at the next VACUUM of an older file.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma(`journal_size_limit = ${QUEUE_WAL_SIZE_LIMIT}`);
  }
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it returns; the 200 sent to an SDK depends on it.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  }
  return db;
}

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): SqliteStore {
  const readonly = options.readonly ?? false;
  if (!readonly) fs.mkdirSync(dataDir, { recursive: true });
  const main = openDatabase(path.join(dataDir, MAIN_DB_FILE), readonly);
  const queue = openDatabase(path.join(dataDir, QUEUE_DB_FILE), readonly, QUEUE_PAGE_SIZE);
  if (!readonly) {
    migrate(main, MAIN_MIGRATIONS);
    migrate(queue, QUEUE_MIGRATIONS);
  }
  if (options.queueWriter) queue.pragma('wal_autocheckpoint = 0');
  return new SqliteStore(main, queue, path.join(dataDir, `${QUEUE_DB_FILE}-wal`));
}

const DEFAULT_PROJECT_NAME = 'default';

function newPublicKey(): string {
  return randomBytes(16).toString('hex');
}

export class SqliteStore implements Store {
  readonly #main: Database.Database;
  readonly #queue: Database.Database;
  readonly #insertQueued: Database.Statement;
  readonly #watches = new WatchSet();
  readonly #rateLimits = new RateLimiter();
  readonly #queueWalFile: string;
  readonly sql: Sql;

  constructor(main: Database.Database, queue: Database.Database, queueWalFile: string) {
    this.#main = main;
    this.#queueWalFile = queueWalFile;
    this.sql = new SqliteSql(main);
    this.#queue = queue;
    this.#insertQueued = queue.prepare(
      `INSERT OR IGNORE INTO queue
         (project_id, event_id, kind, received_at, envelope, client_ip, client_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async getProject(projectId: number): Promise<Project | undefined> {
    const row = this.#main.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as
      ProjectRow | undefined;
    return row && rowToProject(row);
  }

  async getKey(publicKey: string): Promise<ProjectKey | undefined> {
    const row = this.#main
      .prepare('SELECT * FROM project_keys WHERE public_key = ?')
      .get(publicKey) as KeyRow | undefined;
    return row && rowToKey(row);
  }

  async listProjects(): Promise<Project[]> {
    const rows = this.#main.prepare('SELECT * FROM projects ORDER BY id').all() as ProjectRow[];
    return rows.map(rowToProject);
  }

  async listKeys(projectId: number): Promise<ProjectKey[]> {
    const rows = this.#main
      .prepare('SELECT * FROM project_keys WHERE project_id = ? ORDER BY created_at, public_key')
      .all(projectId) as KeyRow[];
    return rows.map(rowToKey);
  }

  async createProject(name: string): Promise<Project> {
    return (await this.getProject(this.#insertProject(name)))!;
  }

  async ensureDefaultProject(): Promise<{ project: Project; key: ProjectKey }> {
    // IMMEDIATE takes the write lock first, so `faultline dsn` and `serve` racing on a new data
    // dir cannot both create a project.
    const ids = this.#main
      .transaction(() => {
        const projectId =
          (this.#main.prepare('SELECT id FROM projects ORDER BY id LIMIT 1').pluck().get() as
            number | undefined) ?? this.#insertProject(DEFAULT_PROJECT_NAME);
        const publicKey =
          (this.#main
            .prepare(
              `SELECT public_key FROM project_keys WHERE project_id = ? AND active = 1
               ORDER BY created_at, public_key LIMIT 1`,
            )
            .pluck()
            .get(projectId) as string | undefined) ?? this.#insertKey(projectId);
        return { projectId, publicKey };
      })
      .immediate();
    const project = (await this.getProject(ids.projectId))!;
    return { project, key: (await this.getKey(ids.publicKey))! };
  }

  async createKey(projectId: number): Promise<ProjectKey> {
    return (await this.getKey(this.#insertKey(projectId)))!;
  }

  #insertProject(name: string): number {
    const base = slugFromName(name);
    const { low, high } = slugRange(base);
    const taken = this.#main
      .prepare('SELECT slug FROM projects WHERE slug >= ? AND slug < ?')
      .pluck()
      .all(low, high) as string[];
    const result = this.#main
      .prepare('INSERT INTO projects (name, slug, created_at) VALUES (?, ?, ?)')
      .run(name, freeSlug(base, new Set(taken)), Date.now() / 1000);
    return Number(result.lastInsertRowid);
  }

  #insertKey(projectId: number): string {
    const publicKey = newPublicKey();
    this.#main
      .prepare('INSERT INTO project_keys (public_key, project_id, created_at) VALUES (?, ?, ?)')
      .run(publicKey, projectId, Date.now() / 1000);
    return publicKey;
  }

  async updateKey(
    publicKey: string,
    changes: Partial<Pick<ProjectKey, 'active' | 'rateLimit'>>,
  ): Promise<void> {
    await updateKey(this.sql, publicKey, changes);
  }

  async updateProject(projectId: number, changes: ProjectChanges): Promise<void> {
    await updateProject(this.sql, projectId, changes);
  }

  async enqueue(envelopes: readonly QueuedEnvelope[]): Promise<number> {
    const [inserted] = await this.enqueueBatches([envelopes]);
    return inserted!;
  }

  async enqueueBatches(batches: ReadonlyArray<readonly QueuedEnvelope[]>): Promise<number[]> {
    const insert = this.#insertQueued;
    return this.#queue
      .transaction(() =>
        batches.map((envelopes) => {
          let inserted = 0;
          for (const item of envelopes) {
            inserted += insert.run(
              item.projectId,
              item.eventId,
              item.kind,
              item.receivedAt,
              item.envelope,
              item.clientIp ?? null,
              item.clientAgent ?? null,
            ).changes;
          }
          return inserted;
        }),
      )
      .immediate();
  }

  #digestCursor(): number {
    const row = this.#main
      .prepare('SELECT last_queue_id FROM digest_cursor WHERE id = 1')
      .get() as {
      last_queue_id: number;
    };
    return row.last_queue_id;
  }

  async claimBatch(limit: number, maxBytes = UNLIMITED_BYTES): Promise<ClaimedEnvelope[]> {
    // Sizes first (length() of a blob reads its stored size, not its pages), then only the
    // envelopes within the budget: a claim never loads what it will not take.
    const after = this.#digestCursor();
    const sized = this.#queue
      .prepare('SELECT id, length(envelope) AS size FROM queue WHERE id > ? ORDER BY id LIMIT ?')
      .all(after, limit) as Array<{ id: number; size: number }>;
    const taken = entriesWithinBudget(
      sized.map((row) => row.size),
      maxBytes,
    );
    if (taken === 0) return [];
    const rows = this.#queue
      .prepare(
        `SELECT id, project_id, event_id, kind, received_at, envelope, client_ip, client_agent
         FROM queue WHERE id > ? AND id <= ? ORDER BY id`,
      )
      .all(after, sized[taken - 1]!.id) as Array<{
      id: number;
      project_id: number;
      event_id: string;
      kind: 'event' | 'attachments';
      received_at: number;
      envelope: Buffer;
      client_ip: string | null;
      client_agent: string | null;
    }>;
    return rows.map((row) => ({
      queueId: row.id,
      projectId: row.project_id,
      eventId: row.event_id,
      kind: row.kind,
      receivedAt: row.received_at,
      envelope: row.envelope,
      clientIp: row.client_ip ?? undefined,
      clientAgent: row.client_agent ?? undefined,
    }));
  }

  async completeBatch(claimed: readonly ClaimedEnvelope[], batch: DigestedBatch): Promise<void> {
    if (claimed.length === 0) return;
    const lastQueueId = Math.max(...claimed.map((item) => item.queueId));
    // IMMEDIATE: persisting reads (the issue of a hash) before it writes, and a transaction
    // that began as a reader cannot become the writer once another connection (the API, the
    // CLI, maintenance) committed meanwhile: SQLite fails it with SQLITE_BUSY at once, without
    // waiting out busy_timeout. Taking the write lock first makes it wait its turn instead.
    this.#main
      .transaction(() => {
        persistBatch(this.#main, batch);
        this.#main
          .prepare('UPDATE digest_cursor SET last_queue_id = ? WHERE id = 1 AND last_queue_id < ?')
          .run(lastQueueId, lastQueueId);
      })
      .immediate();
    // Copies committed queue pages into queue.db so its WAL stays small (see queueWriter).
    // Housekeeping, after the batch committed: when it fails (queue.db cannot grow on a full
    // disk) the batch is still done, and failing it would have digest redo it forever, never
    // reaching the next one, until the disk had room for the whole WAL.
    try {
      this.#queue.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      if (!isSqliteUnavailable(error)) throw error;
    }
  }

  /**
   * Deletes queue entries that digest has committed. Called by ingest, the only writer of
   * queue.db, so digest never contends with an HTTP request for the queue's lock.
   */
  async pruneQueue(): Promise<number> {
    const pruned = this.#queue
      .prepare('DELETE FROM queue WHERE id <= ?')
      .run(this.#digestCursor()).changes;
    const queueEmpty = this.#queue.prepare('SELECT 1 FROM queue LIMIT 1').get() === undefined;
    reclaimQueueSpace(this.#queue, this.#queueWalFile, queueEmpty);
    return pruned;
  }

  async queueStats(): Promise<{ depth: number; oldestReceivedAt: number | undefined }> {
    const row = this.#queue
      .prepare('SELECT count(*) AS depth, min(received_at) AS oldest FROM queue WHERE id > ?')
      .get(this.#digestCursor()) as { depth: number; oldest: number | null };
    return { depth: row.depth, oldestReceivedAt: row.oldest ?? undefined };
  }

  async queueBytes(): Promise<number> {
    // Three header reads: no scan, so ingest can ask every second.
    const pages = this.#queue.pragma('page_count', { simple: true }) as number;
    const free = this.#queue.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * (this.#queue.pragma('page_size', { simple: true }) as number);
  }

  async recordOutcomes(outcomes: readonly OutcomeRecord[]): Promise<void> {
    await recordOutcomes(this.sql, outcomes);
  }

  async listOutcomes(projectId: number, options?: OutcomeListOptions): Promise<OutcomeRecord[]> {
    return listOutcomes(this.sql, projectId, options);
  }

  async listIssues(options: IssueListOptions): Promise<IssueRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.projectId !== undefined) {
      where.push('project_id = ?');
      params.push(options.projectId);
    }
    if (options.status !== undefined) {
      where.push('status = ?');
      params.push(options.status);
    }
    const sql = `SELECT * FROM issues ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY last_seen DESC, id DESC ${options.limit !== undefined ? 'LIMIT ?' : ''}`;
    if (options.limit !== undefined) params.push(options.limit);
    return (this.#main.prepare(sql).all(...params) as SqlRow[]).map(rowToIssue);
  }

  async getIssue(issueId: number): Promise<IssueRecord | undefined> {
    const row = this.#main.prepare('SELECT * FROM issues WHERE id = ?').get(issueId) as
      SqlRow | undefined;
    return row && rowToIssue(row);
  }

  async setIssueStatus(issueId: number, status: IssueStatus, at: number): Promise<void> {
    await setIssuesStatus(this.sql, [issueId], status, { userId: undefined, at });
  }

  async issueHourlyCounts(issueId: number): Promise<HourlyCount[]> {
    return this.#main
      .prepare('SELECT hour, count FROM issue_hourly WHERE issue_id = ? ORDER BY hour')
      .all(issueId) as HourlyCount[];
  }

  async issueTagCounts(issueId: number): Promise<TagCount[]> {
    return this.#main
      .prepare(
        `SELECT key, value, count, first_seen AS firstSeen, last_seen AS lastSeen FROM issue_tags
         WHERE issue_id = ? ORDER BY key, count DESC, value`,
      )
      .all(issueId) as TagCount[];
  }

  async issueActivity(issueId: number): Promise<IssueActivity[]> {
    const rows = this.#main
      .prepare('SELECT kind, at, data FROM issue_activity WHERE issue_id = ? ORDER BY id')
      .all(issueId) as Array<{ kind: string; at: number; data: string }>;
    return rows.map((row) => ({
      kind: row.kind,
      at: row.at,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }

  async listEvents(issueId: number, options: { limit?: number }): Promise<EventRecord[]> {
    const rows = this.#main
      .prepare(`${EVENT_COLUMNS} WHERE issue_id = ? ORDER BY id DESC LIMIT ?`)
      .all(issueId, options.limit ?? -1) as EventRow[];
    return rows.map(rowToEvent);
  }

  async getEvent(projectId: number, eventId: string): Promise<EventRecord | undefined> {
    const row = this.#main
      .prepare(`${EVENT_COLUMNS} WHERE project_id = ? AND event_id = ?`)
      .get(projectId, eventId) as EventRow | undefined;
    return row && rowToEvent(row);
  }

  async listAttachments(projectId: number, eventId: string): Promise<EventAttachment[]> {
    const rows = this.#main
      .prepare(
        `SELECT received_at, filename, content_type, attachment_type, data FROM attachments
         WHERE project_id = ? AND event_id = ? ORDER BY id`,
      )
      .all(projectId, eventId) as Array<{
      received_at: number;
      filename: string;
      content_type: string | null;
      attachment_type: string | null;
      data: Buffer;
    }>;
    return rows.map((row) => ({
      projectId,
      eventId,
      receivedAt: row.received_at,
      filename: row.filename,
      contentType: row.content_type ?? undefined,
      attachmentType: row.attachment_type ?? undefined,
      data: row.data,
    }));
  }

  async countEvents(projectId?: number): Promise<number> {
    const row = (
      projectId === undefined
        ? this.#main.prepare('SELECT count(*) AS n FROM events').get()
        : this.#main.prepare('SELECT count(*) AS n FROM events WHERE project_id = ?').get(projectId)
    ) as { n: number };
    return row.n;
  }

  async takeRateLimit(
    scope: string,
    limit: RateLimitSetting,
    quantity: number,
  ): Promise<RateDecision> {
    return this.#rateLimits.take(scope, limit, quantity);
  }

  async returnRateLimit(scope: string, quantity: number): Promise<void> {
    this.#rateLimits.giveBack(scope, quantity);
  }

  async prepareStorage(): Promise<void> {
    // Nothing to prepare: SQLite's tables are not partitioned.
  }

  async applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    const sql = this.sql;
    return applyRetentionPlan(planRetention(await this.listProjects(), policy), {
      sql,
      deleteEventsBefore: (cutoff) =>
        inBatches(() => sql.run(deleteReceivedBefore('events', '?'), [cutoff])),
      // One statement, so one write transaction: no digest can commit an event to these issues
      // between its check and its delete (one that read an issue before fails and retries).
      deleteIssuesWithoutEvents: () => sql.run(DELETE_ISSUES_WITHOUT_EVENTS),
    });
  }

  async watchChanges(listener: ChangeListener): Promise<ChangeWatch> {
    return this.#watches.add(watchSqlite(this.#main, listener));
  }

  isUnavailable(error: unknown): boolean {
    return isSqliteUnavailable(error);
  }

  async close(): Promise<void> {
    await this.#watches.closeAll();
    this.#main.close();
    this.#queue.close();
  }
}
