/**
 * Fixed-window counters for per-key rate limits, per-project quotas and the login throttle,
 * held in this process: SQLite's rate limits. One server owns a SQLite store, so its memory is
 * the one place the counts need to be (PostgreSQL's nodes share theirs in the database:
 * postgres/rate-limits.ts).
 *
 * The login throttle makes a counter per email and address anyone tries, so memory is bounded
 * twice: counters whose window ended are swept (they are the same as none), and past
 * `maxCounters` the least recently used one is forgotten. Forgetting gives that counter a fresh
 * window early, which only a flood of distinct scopes can cause, and keys and projects that are
 * in use are recently used.
 */
import type { RateDecision, RateLimitSetting } from '../types.js';

export interface RateLimiterOptions {
  /** Counters held at most (least recently used forgotten first). */
  maxCounters?: number;
  /** Ended windows are swept at most this often (each sweep visits every counter). */
  sweepIntervalMs?: number;
}

/** ~20,000 counters of ≤ ~400 bytes: under 10 MB. */
const DEFAULT_MAX_COUNTERS = 20_000;
const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

interface Window {
  start: number;
  end: number;
  used: number;
}

export class RateLimiter {
  /** In order of last use, least recent first (a Map keeps insertion order). */
  readonly #windows = new Map<string, Window>();
  readonly #maxCounters: number;
  readonly #sweepIntervalMs: number;
  #lastSweepMs = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.#maxCounters = options.maxCounters ?? DEFAULT_MAX_COUNTERS;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  }

  /** Counters held now (ended or not yet swept ones included). */
  get size(): number {
    return this.#windows.size;
  }

  /** Counts `quantity` against the limit unless that would exceed it. */
  take(
    id: string,
    limit: RateLimitSetting | undefined,
    quantity: number,
    nowMs = Date.now(),
  ): RateDecision {
    if (limit === undefined) return { allowed: true };
    this.#sweep(nowMs);
    const windowMs = limit.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    let window = this.#windows.get(id);
    // Taken out and put back: the Map's order is the order of last use.
    this.#windows.delete(id);
    if (window === undefined || window.start !== start) {
      window = { start, end: start + windowMs, used: 0 };
    }
    this.#windows.set(id, window);
    this.#forgetLeastRecent();
    if (window.used + quantity > limit.count) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.end - nowMs) / 1000)),
      };
    }
    window.used += quantity;
    return { allowed: true };
  }

  /** Gives back what `take` counted, when a later check refused the request after all. */
  giveBack(id: string, quantity: number): void {
    const window = this.#windows.get(id);
    if (window !== undefined) window.used = Math.max(0, window.used - quantity);
  }

  #sweep(nowMs: number): void {
    if (nowMs - this.#lastSweepMs < this.#sweepIntervalMs) return;
    this.#lastSweepMs = nowMs;
    for (const [id, window] of this.#windows) {
      if (window.end <= nowMs) this.#windows.delete(id);
    }
  }

  /**
   * Past the cap, forgets the least recent tenth at once: finding the oldest walks past every
   * entry deleted since the Map last compacted, too slow to do for each new counter.
   */
  #forgetLeastRecent(): void {
    if (this.#windows.size <= this.#maxCounters) return;
    const keep = Math.floor(this.#maxCounters * 0.9);
    for (const id of this.#windows.keys()) {
      if (this.#windows.size <= keep) return;
      this.#windows.delete(id);
    }
  }
}
