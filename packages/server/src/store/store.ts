/**
 * The one storage interface. It is shaped by what the pipeline and the API need, not by SQL:
 * ingest appends raw envelopes to the durable queue, digest claims them and persists whole
 * batches, readers list issues and events. Each database (sqlite/, postgres/) implements it in
 * its own folder with the same file names, on one schema (schema/); test/store/ runs the same
 * cases on every dialect.
 *
 * Every method is async even where better-sqlite3 is synchronous, so the PostgreSQL dialect can
 * implement the same contract.
 */
import type { OutcomeListOptions } from './outcomes.js';
import type { RetentionResult } from './retention.js';
import type { RetentionPolicy } from './retention-policy.js';
import type { Sql } from './sql.js';
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
  ProjectChanges,
  ProjectKey,
  QueuedEnvelope,
  RateDecision,
  RateLimitSetting,
} from './types.js';

export interface Store {
  /** What is the same SQL in every dialect runs here (sql.ts): accounts, search, settings. */
  readonly sql: Sql;

  // Projects and keys (ingest reads these through a cache).
  getProject(projectId: number): Promise<Project | undefined>;
  getKey(publicKey: string): Promise<ProjectKey | undefined>;
  listProjects(): Promise<Project[]>;
  listKeys(projectId: number): Promise<ProjectKey[]>;
  createProject(name: string): Promise<Project>;
  /**
   * The first project and an active key of it, created on an empty database (or when every key
   * was disabled): what `serve` prints as the DSN. Safe when several nodes start on one empty
   * database at once: they all get the same project.
   */
  ensureDefaultProject(): Promise<{ project: Project; key: ProjectKey }>;
  createKey(projectId: number): Promise<ProjectKey>;
  updateKey(
    publicKey: string,
    changes: Partial<Pick<ProjectKey, 'active' | 'rateLimit'>>,
  ): Promise<void>;
  updateProject(projectId: number, changes: ProjectChanges): Promise<void>;

  /**
   * Counts `quantity` against `limit` in its current fixed window unless that would exceed it,
   * for every node on this database at once. `scope` names the counter (a key, a project).
   */
  takeRateLimit(scope: string, limit: RateLimitSetting, quantity: number): Promise<RateDecision>;
  /** Gives back what takeRateLimit counted, when a later check refused the request after all. */
  returnRateLimit(scope: string, quantity: number): Promise<void>;

  // The ingest queue. `enqueue` resolves only once the envelopes are durable: the 200 depends on
  // it. It resolves to how many were new (an event still queued under the same id is not).
  enqueue(envelopes: readonly QueuedEnvelope[]): Promise<number>;
  /** Several batches in one transaction; resolves with each batch's count of new entries. */
  enqueueBatches(batches: ReadonlyArray<readonly QueuedEnvelope[]>): Promise<number[]>;
  /**
   * The next entries in queue order: at most `limit`, and no more than fit in `maxBytes` of
   * envelopes (but always the first, however big), so a worker's memory is bounded by bytes as
   * well as by count.
   */
  claimBatch(limit: number, maxBytes?: number): Promise<ClaimedEnvelope[]>;
  /** Persists a digested batch and marks its queue entries done, atomically. */
  completeBatch(claimed: readonly ClaimedEnvelope[], batch: DigestedBatch): Promise<void>;
  /** Frees queue space taken by completed entries (where completion did not already delete them). */
  pruneQueue(): Promise<number>;
  queueStats(): Promise<{ depth: number; oldestReceivedAt: number | undefined }>;
  /**
   * Bytes the queue takes in storage now, what its byte cap measures: on SQLite the pages of
   * queue.db in use (free pages not counted), on PostgreSQL the envelopes' stored size.
   */
  queueBytes(): Promise<number>;

  /**
   * Adds to the per-hour accepted / filtered / rate-limited / invalid / client-discard counts,
   * all or none (outcomes.ts, the same SQL in both dialects).
   */
  recordOutcomes(outcomes: readonly OutcomeRecord[]): Promise<void>;
  /** A project's counts, oldest hour first; `since` and `limit` bound them in SQL. */
  listOutcomes(projectId: number, options?: OutcomeListOptions): Promise<OutcomeRecord[]>;

  // Read side (CLI now, REST API later).
  listIssues(options: IssueListOptions): Promise<IssueRecord[]>;
  getIssue(issueId: number): Promise<IssueRecord | undefined>;
  /** Changes an issue's status and records it in the issue's activity. */
  setIssueStatus(issueId: number, status: IssueStatus, at: number): Promise<void>;
  issueHourlyCounts(issueId: number): Promise<HourlyCount[]>;
  issueTagCounts(issueId: number): Promise<TagCount[]>;
  issueActivity(issueId: number): Promise<IssueActivity[]>;
  listEvents(issueId: number, options: { limit?: number }): Promise<EventRecord[]>;
  getEvent(projectId: number, eventId: string): Promise<EventRecord | undefined>;
  listAttachments(projectId: number, eventId: string): Promise<EventAttachment[]>;
  countEvents(projectId?: number): Promise<number>;

  /**
   * Readies storage for the time around `now` (Unix seconds): on PostgreSQL, the event partitions
   * of this week and the next. A server calls it at start and then hourly.
   */
  prepareStorage(now: number): Promise<void>;
  /**
   * Removes the events and attachments received before their project's retention (its own, or
   * the policy's default), then each capped project's events beyond the newest its issues may
   * keep, then the issues left without events: in steps that never hold ingest or digest up for
   * long (apply-retention-plan.ts).
   */
  applyRetention(policy: RetentionPolicy): Promise<RetentionResult>;

  /**
   * Tells `listener` what changes from now on, whichever process or node made the change: the
   * live stream and cross-node digest wake-ups rest on it. PostgreSQL pushes (LISTEN/NOTIFY);
   * SQLite, whose only writer is one server, polls for new events and never calls `queued`
   * (that server's ingest wakes its own digest directly). A watch that loses its connection
   * reconnects by itself; what was persisted meanwhile stays in the store but is not replayed.
   */
  watchChanges(listener: ChangeListener): Promise<ChangeWatch>;

  /**
   * Whether `error`, thrown by this store, means the database is unavailable for now (restarting,
   * locked, out of space) rather than refusing this data: the caller retries the same work.
   */
  isUnavailable(error: unknown): boolean;

  close(): Promise<void>;
}
