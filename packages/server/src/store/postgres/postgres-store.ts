/**
 * PostgreSQL (node-postgres): for teams that outgrow one machine. Every Faultline node is
 * stateless and opens its own stores (one per thread, each with its own pool) on the one
 * database; the queue is shared by all of them (queue.ts), and persisting is safe against other
 * nodes persisting the same issues at once (persist-batch.ts).
 *
 * Opening is async (connect, then migrate under a lock, see migrations.ts), unlike SQLite's.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Store } from '../store.js';
import { applyRetentionPlan } from '../apply-retention-plan.js';
import type { RetentionResult } from '../retention.js';
import { planRetention } from '../retention-policy.js';
import type { RetentionPolicy } from '../retention-policy.js';
import { WatchSet } from '../watch-set.js';
import { listOutcomes, recordOutcomes } from '../outcomes.js';
import type { OutcomeListOptions } from '../outcomes.js';
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
import { ADVISORY_LOCKS } from './advisory-locks.js';
import { watchPostgres } from './listen.js';
import { migrate } from './migrations.js';
import { inTransaction, openPool, queryRows, textParam, valuesList } from './pool.js';
import type { PoolOptions, Queryable } from './pool.js';
import { deleteIssuesWithoutEvents } from './empty-issues.js';
import { dropEventPartitionsBefore, ensureEventPartitions } from './partitions.js';
import * as queue from './queue.js';
import { returnRateLimit, takeRateLimit } from './rate-limits.js';
import {
  EVENT_COLUMNS,
  readNumber,
  readString,
  rowToActivity,
  rowToAttachment,
  rowToEvent,
  rowToKey,
  rowToProject,
} from './rows.js';
import { isPostgresUnavailable } from './unavailable.js';
import { rowToIssue } from '../issue-row.js';
import { postgresSql } from './sql.js';
import { UNLIMITED_BYTES } from '../claim-budget.js';
import { freeSlug, slugFromName, slugRange } from '../project-slug.js';

export interface PostgresStoreOptions extends PoolOptions {
  /** How long a claimed queue entry stays hidden from other digest workers (see queue.ts). */
  queueLeaseSeconds?: number;
}

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pool = openPool(url, options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(url, pool, options.queueLeaseSeconds ?? queue.DEFAULT_LEASE_SECONDS);
}

const DEFAULT_PROJECT_NAME = 'default';

function newPublicKey(): string {
  return randomBytes(16).toString('hex');
}

async function insertProject(db: Queryable, name: string): Promise<Project> {
  const base = slugFromName(name);
  const { low, high } = slugRange(base);
  const taken = await queryRows(db, 'SELECT slug FROM projects WHERE slug >= $1 AND slug < $2', [
    low,
    high,
  ]);
  const slug = freeSlug(base, new Set(taken.map((row) => readString(row, 'slug'))));
  const [row] = await queryRows(
    db,
    'INSERT INTO projects (name, slug, created_at) VALUES ($1, $2, $3) RETURNING *',
    [textParam(name), slug, Date.now() / 1000],
  );
  return rowToProject(row!);
}

async function insertKey(db: Queryable, projectId: number): Promise<ProjectKey> {
  const [row] = await queryRows(
    db,
    `INSERT INTO project_keys (public_key, project_id, created_at) VALUES ($1, $2, $3)
     RETURNING *`,
    [newPublicKey(), projectId, Date.now() / 1000],
  );
  return rowToKey(row!);
}

export class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  readonly #leaseSeconds: number;
  readonly #url: string;
  readonly #watches = new WatchSet();
  readonly sql: Sql;

  constructor(url: string, pool: pg.Pool, leaseSeconds: number) {
    this.#url = url;
    this.#pool = pool;
    this.sql = postgresSql(pool);
    this.#leaseSeconds = leaseSeconds;
  }

  async #rows(sql: string, params: unknown[] = []) {
    return queryRows(this.#pool, sql, params);
  }

  async getProject(projectId: number): Promise<Project | undefined> {
    const [row] = await this.#rows('SELECT * FROM projects WHERE id = $1', [projectId]);
    return row && rowToProject(row);
  }

  async getKey(publicKey: string): Promise<ProjectKey | undefined> {
    const [row] = await this.#rows('SELECT * FROM project_keys WHERE public_key = $1', [
      textParam(publicKey),
    ]);
    return row && rowToKey(row);
  }

  async listProjects(): Promise<Project[]> {
    return (await this.#rows('SELECT * FROM projects ORDER BY id')).map(rowToProject);
  }

  async listKeys(projectId: number): Promise<ProjectKey[]> {
    const rows = await this.#rows(
      'SELECT * FROM project_keys WHERE project_id = $1 ORDER BY created_at, public_key',
      [projectId],
    );
    return rows.map(rowToKey);
  }

  async createProject(name: string): Promise<Project> {
    return insertProject(this.#pool, name);
  }

  async ensureDefaultProject(): Promise<{ project: Project; key: ProjectKey }> {
    // Nodes starting together on an empty database take turns: the first creates, the others
    // find what it created.
    return inTransaction(this.#pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.defaultProject]);
      const [first] = await queryRows(client, 'SELECT * FROM projects ORDER BY id LIMIT 1');
      const project =
        first === undefined
          ? await insertProject(client, DEFAULT_PROJECT_NAME)
          : rowToProject(first);
      const [active] = await queryRows(
        client,
        `SELECT * FROM project_keys WHERE project_id = $1 AND active
         ORDER BY created_at, public_key LIMIT 1`,
        [project.id],
      );
      const key = active === undefined ? await insertKey(client, project.id) : rowToKey(active);
      return { project, key };
    });
  }

  async createKey(projectId: number): Promise<ProjectKey> {
    return insertKey(this.#pool, projectId);
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
    return queue.enqueueBatches(this.#pool, batches);
  }

  async claimBatch(limit: number, maxBytes = UNLIMITED_BYTES): Promise<ClaimedEnvelope[]> {
    return queue.claimBatch(this.#pool, limit, maxBytes, this.#leaseSeconds);
  }

  async completeBatch(claimed: readonly ClaimedEnvelope[], batch: DigestedBatch): Promise<void> {
    await queue.completeBatch(this.#pool, claimed, batch);
  }

  /** Completing a batch already deleted its entries: nothing is left to prune. */
  async pruneQueue(): Promise<number> {
    return 0;
  }

  async queueStats(): Promise<{ depth: number; oldestReceivedAt: number | undefined }> {
    return queue.queueStats(this.#pool);
  }

  async queueBytes(): Promise<number> {
    return queue.queueBytes(this.#pool);
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
      params.push(options.projectId);
      where.push(`project_id = $${params.length}`);
    }
    if (options.status !== undefined) {
      params.push(options.status);
      where.push(`status = $${params.length}`);
    }
    params.push(options.limit ?? null); // LIMIT NULL is no limit
    const sql = `SELECT * FROM issues ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY last_seen DESC, id DESC LIMIT $${params.length}`;
    return (await this.#rows(sql, params)).map(rowToIssue);
  }

  async getIssue(issueId: number): Promise<IssueRecord | undefined> {
    const [row] = await this.#rows('SELECT * FROM issues WHERE id = $1', [issueId]);
    return row && rowToIssue(row);
  }

  async setIssueStatus(issueId: number, status: IssueStatus, at: number): Promise<void> {
    await setIssuesStatus(this.sql, [issueId], status, { userId: undefined, at });
  }

  async issueHourlyCounts(issueId: number): Promise<HourlyCount[]> {
    const rows = await this.#rows(
      'SELECT hour, count FROM issue_hourly WHERE issue_id = $1 ORDER BY hour',
      [issueId],
    );
    return rows.map((row) => ({ hour: readNumber(row, 'hour'), count: readNumber(row, 'count') }));
  }

  async issueTagCounts(issueId: number): Promise<TagCount[]> {
    const rows = await this.#rows(
      `SELECT key, value, count, first_seen, last_seen FROM issue_tags
       WHERE issue_id = $1 ORDER BY key, count DESC, value`,
      [issueId],
    );
    return rows.map((row) => ({
      key: readString(row, 'key'),
      value: readString(row, 'value'),
      count: readNumber(row, 'count'),
      firstSeen: readNumber(row, 'first_seen'),
      lastSeen: readNumber(row, 'last_seen'),
    }));
  }

  async issueActivity(issueId: number): Promise<IssueActivity[]> {
    const rows = await this.#rows(
      'SELECT kind, at, data FROM issue_activity WHERE issue_id = $1 ORDER BY id',
      [issueId],
    );
    return rows.map(rowToActivity);
  }

  async listEvents(issueId: number, options: { limit?: number }): Promise<EventRecord[]> {
    const rows = await this.#rows(
      `${EVENT_COLUMNS} WHERE issue_id = $1 ORDER BY id DESC LIMIT $2`,
      [issueId, options.limit ?? null],
    );
    return rows.map(rowToEvent);
  }

  async getEvent(projectId: number, eventId: string): Promise<EventRecord | undefined> {
    const [row] = await this.#rows(`${EVENT_COLUMNS} WHERE project_id = $1 AND event_id = $2`, [
      projectId,
      textParam(eventId),
    ]);
    return row && rowToEvent(row);
  }

  async listAttachments(projectId: number, eventId: string): Promise<EventAttachment[]> {
    const rows = await this.#rows(
      `SELECT project_id, event_id, received_at, filename, content_type, attachment_type, data
       FROM attachments WHERE project_id = $1 AND event_id = $2 ORDER BY id`,
      [projectId, textParam(eventId)],
    );
    return rows.map(rowToAttachment);
  }

  async countEvents(projectId?: number): Promise<number> {
    const [row] =
      projectId === undefined
        ? await this.#rows('SELECT count(*) AS n FROM events')
        : await this.#rows('SELECT count(*) AS n FROM events WHERE project_id = $1', [projectId]);
    return readNumber(row!, 'n');
  }

  async takeRateLimit(
    scope: string,
    limit: RateLimitSetting,
    quantity: number,
  ): Promise<RateDecision> {
    return takeRateLimit(this.#pool, textParam(scope), limit, quantity);
  }

  async returnRateLimit(scope: string, quantity: number): Promise<void> {
    await returnRateLimit(this.#pool, textParam(scope), quantity);
  }

  async prepareStorage(now: number): Promise<void> {
    await ensureEventPartitions(this.#pool, now);
  }

  async applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    return applyRetentionPlan(planRetention(await this.listProjects(), policy), {
      sql: this.sql,
      // Whole weeks only past the longest retention in force: a project keeping less loses its
      // rows of younger weeks one batch at a time instead.
      deleteEventsBefore: (cutoff) => dropEventPartitionsBefore(this.#pool, cutoff),
      deleteIssuesWithoutEvents: () => deleteIssuesWithoutEvents(this.#pool),
    });
  }

  async watchChanges(listener: ChangeListener): Promise<ChangeWatch> {
    return this.#watches.add(await watchPostgres(this.#url, this.#pool, listener));
  }

  isUnavailable(error: unknown): boolean {
    return isPostgresUnavailable(error);
  }

  async close(): Promise<void> {
    await this.#watches.closeAll();
    await this.#pool.end();
  }
}
