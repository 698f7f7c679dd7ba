/**
 * Fixed-window counters for per-key rate limits and per-project quotas, held in this process:
 * SQLite's rate limits. One server owns a SQLite store, so its memory is the one place the
 * counts need to be (PostgreSQL's nodes share theirs in the database: postgres/rate-limits.ts).
 * Only keys and projects that passed authentication get a counter, so memory is bounded by what
 * exists.
 */
import type { RateDecision, RateLimitSetting } from '../types.js';

export class RateLimiter {
  readonly #windows = new Map<string, { start: number; used: number }>();

  /** Counts `quantity` against the limit unless that would exceed it. */
  take(
    id: string,
    limit: RateLimitSetting | undefined,
    quantity: number,
    nowMs = Date.now(),
  ): RateDecision {
    if (limit === undefined) return { allowed: true };
    const windowMs = limit.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    let window = this.#windows.get(id);
    if (window === undefined || window.start !== start) {
      window = { start, used: 0 };
      this.#windows.set(id, window);
    }
    if (window.used + quantity > limit.count) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)),
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
}
