/**
 * Whether ingest may queue one more event: the queue's entries and bytes stay under their caps,
 * and the data directory's disk keeps a minimum free. Each refusal is a 503 with Retry-After, so
 * SDKs keep their events and come back later, before the disk is full: a full disk stops digest
 * as well as ingest, and left to fill, the queue would take all of it.
 *
 * Measuring costs a statfs and a cheap query, so it happens at most once a second, in the
 * background; between measurements the bytes each commit adds are counted here, so a burst
 * cannot overshoot the cap by more than a second of measurement lag allows.
 */
import fs from 'node:fs';

export interface AdmissionLimits {
  /** Entries waiting for digest beyond which ingest answers 503. */
  maxQueueDepth: number;
  /** Bytes the queue may take in storage beyond which ingest answers 503. */
  maxQueueBytes: number;
  /**
   * Free bytes the data directory's disk keeps (SQLite); ingest answers 503 below it. Unset:
   * 1 GiB, or 5 % of the disk where that is less (a small disk would otherwise never accept).
   */
  minFreeDiskBytes?: number | undefined;
}

export type RefusalCode = 'queue_full' | 'disk_full';

export interface Refusal {
  code: RefusalCode;
  retryAfterSeconds: number;
  /** For /readyz and logs. */
  reason: string;
}

export interface AdmissionSources {
  /** Entries acknowledged and not yet digested. */
  backlog(): number;
  /** Bytes the queue takes in storage now (Store.queueBytes). */
  queueBytes(): Promise<number>;
  /** The directory whose disk the data lives on; undefined where it is not local (PostgreSQL). */
  dataDir: string | undefined;
}

const MEASURE_EVERY_MS = 1000;
const GIB = 1024 ** 3;
const DEFAULT_MIN_FREE_BYTES = GIB;
const DEFAULT_MIN_FREE_FRACTION = 0.05;
/** A queue commit that failed this recently means storage refuses writes: /readyz says so. */
const FAILED_COMMIT_WINDOW_MS = 5000;

export class QueueAdmission {
  readonly #limits: AdmissionLimits;
  readonly #sources: AdmissionSources;
  #measuredBytes = 0;
  #bytesSinceMeasure = 0;
  #disk: { free: number; total: number } | undefined;
  #measuredAt = 0;
  #measuring: Promise<void> | undefined;
  #lastFailedCommitAt = -Infinity;
  #measureProblem: string | undefined;

  constructor(limits: AdmissionLimits, sources: AdmissionSources) {
    this.#limits = limits;
    this.#sources = sources;
  }

  /** Measures now (and then again at most once a second, when asked). */
  measure(): Promise<void> {
    this.#measuring ??= this.#measure().finally(() => {
      this.#measuring = undefined;
    });
    return this.#measuring;
  }

  async #measure(): Promise<void> {
    const startedAt = Date.now();
    try {
      const [bytes, disk] = await Promise.all([
        this.#sources.queueBytes(),
        this.#sources.dataDir === undefined ? undefined : fs.promises.statfs(this.#sources.dataDir),
      ]);
      this.#measuredBytes = bytes;
      this.#bytesSinceMeasure = 0;
      this.#disk = disk && { free: disk.bavail * disk.bsize, total: disk.blocks * disk.bsize };
      this.#measureProblem = undefined;
    } catch (error) {
      // Storage that cannot say how full it is: readiness reports it; the last sizes stand.
      this.#measureProblem = error instanceof Error ? error.message : String(error);
    } finally {
      this.#measuredAt = startedAt;
    }
  }

  /** A durable commit added `bytes` of envelopes to the queue. */
  noteCommitted(bytes: number): void {
    this.#bytesSinceMeasure += bytes;
  }

  /** A commit failed (a full disk, storage gone): /readyz says so for a few seconds. */
  noteCommitFailed(): void {
    this.#lastFailedCommitAt = Date.now();
  }

  /** Counts what `commit` (of `envelopes`) adds to the queue, or that it failed. */
  async tracked(
    envelopes: ReadonlyArray<{ envelope: Uint8Array }>,
    commit: Promise<number>,
  ): Promise<number> {
    try {
      const inserted = await commit;
      this.noteCommitted(envelopes.reduce((sum, entry) => sum + entry.envelope.byteLength, 0));
      return inserted;
    } catch (error) {
      this.noteCommitFailed();
      throw error;
    }
  }

  /** Why ingest must not queue now, or undefined; never waits (see the module comment). */
  refusal(): Refusal | undefined {
    if (Date.now() - this.#measuredAt >= MEASURE_EVERY_MS) void this.measure();
    const limits = this.#limits;
    const depth = this.#sources.backlog();
    if (depth >= limits.maxQueueDepth) {
      return { code: 'queue_full', retryAfterSeconds: 10, reason: `${depth} entries waiting` };
    }
    const bytes = this.#measuredBytes + this.#bytesSinceMeasure;
    if (bytes >= limits.maxQueueBytes) {
      return {
        code: 'queue_full',
        retryAfterSeconds: 10,
        reason: `the queue takes ${bytes} bytes, its cap is ${limits.maxQueueBytes}`,
      };
    }
    const disk = this.#disk;
    if (disk !== undefined) {
      const minimum =
        limits.minFreeDiskBytes ??
        Math.min(DEFAULT_MIN_FREE_BYTES, disk.total * DEFAULT_MIN_FREE_FRACTION);
      if (disk.free < minimum) {
        return {
          code: 'disk_full',
          retryAfterSeconds: 30,
          reason: `${disk.free} bytes free on the data directory's disk, below the minimum ${Math.round(minimum)}`,
        };
      }
    }
    return undefined;
  }

  /**
   * Why this node should not be sent events now, for /readyz: a refusal, or storage failing
   * ingest's commits. Commits that fail still answer 503 one by one rather than refusing all for
   * a while: storage that is back (PostgreSQL restarted) takes events at once.
   */
  problem(): string | undefined {
    const refusal = this.refusal();
    if (refusal !== undefined) return `refusing events (${refusal.code}): ${refusal.reason}`;
    if (Date.now() - this.#lastFailedCommitAt < FAILED_COMMIT_WINDOW_MS) {
      return 'refusing events (storage_unavailable): a queue commit failed in the last 5 s';
    }
    if (this.#measureProblem !== undefined) {
      return `the queue's size is unknown: ${this.#measureProblem.slice(0, 200)}`;
    }
    return undefined;
  }
}
