/**
 * Rate limits and quotas shared by every node: one row per counter in `rate_windows`, changed by
 * one atomic upsert per check, so two nodes can never both take the last unit of a window.
 * Windows are fixed and aligned to the database's clock, which every node shares; a row left from
 * an earlier window is reset by the next take. Only keys and projects that have a limit pay the
 * round trip.
 *
 * The login throttle makes a row per email and address anyone tries, so rows whose window has
 * certainly ended are deleted (they are the same as none), by each node at most once a minute,
 * a batch at a time, before a take.
 */
import type pg from 'pg';
import { MAX_RATE_WINDOW_SECONDS, SHORT_LIVED_COUNTERS } from '../rate-window-lifetimes.js';
import type { RateDecision, RateLimitSetting } from '../types.js';
import { queryCount } from './pool.js';

const PRUNE_INTERVAL_MS = 60_000;
const PRUNE_BATCH_ROWS = 10_000;
const lastPruneMs = new WeakMap<pg.Pool, number>();

/** Deletes up to a batch of rows whose window has ended for sure; resolves to how many. */
export async function pruneRateWindows(pool: pg.Pool): Promise<number> {
  // A row's own window is not stored: only its family's longest (or any limit's) is known.
  const params: Array<string | number> = [MAX_RATE_WINDOW_SECONDS];
  const families = SHORT_LIVED_COUNTERS.map(({ prefix, longestWindowSeconds }) => {
    params.push(`${prefix.replace(/[\\%_]/g, '\\$&')}%`, longestWindowSeconds);
    return `(scope LIKE $${params.length - 1} AND window_start < now_s - $${params.length})`;
  });
  return queryCount(
    pool,
    `WITH clock AS (SELECT extract(epoch FROM clock_timestamp()) AS now_s)
     DELETE FROM rate_windows WHERE scope IN (
       SELECT scope FROM rate_windows, clock
       WHERE used = 0 OR window_start < now_s - $1 ${families.map((f) => `OR ${f}`).join(' ')}
       LIMIT ${PRUNE_BATCH_ROWS})`,
    params,
  );
}

async function pruneNowAndThen(pool: pg.Pool): Promise<void> {
  const now = Date.now();
  if (now - (lastPruneMs.get(pool) ?? 0) < PRUNE_INTERVAL_MS) return;
  lastPruneMs.set(pool, now);
  await pruneRateWindows(pool);
}

/** When the current window ends, by this node's clock (close enough for a Retry-After). */
function refusal(limit: RateLimitSetting): RateDecision {
  const windowMs = limit.windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
}

export async function takeRateLimit(
  pool: pg.Pool,
  scope: string,
  limit: RateLimitSetting,
  quantity: number,
): Promise<RateDecision> {
  if (quantity > limit.count) return refusal(limit);
  await pruneNowAndThen(pool);
  // The WHERE refuses the update (no row counted) when the window would go over the limit. Only
  // a later window resets the count: a check that read the clock just before the boundary but
  // got the row after a newer window began counts in that newer window.
  const taken = await queryCount(
    pool,
    `INSERT INTO rate_windows AS w (scope, window_start, used)
     VALUES ($1, floor(extract(epoch FROM clock_timestamp()) / $2) * $2, $3)
     ON CONFLICT (scope) DO UPDATE SET
       used = CASE WHEN EXCLUDED.window_start > w.window_start
         THEN EXCLUDED.used ELSE w.used + EXCLUDED.used END,
       window_start = greatest(w.window_start, EXCLUDED.window_start)
     WHERE EXCLUDED.window_start > w.window_start OR w.used + EXCLUDED.used <= $4`,
    [scope, limit.windowSeconds, quantity, limit.count],
  );
  return taken === 1 ? { allowed: true } : refusal(limit);
}

export async function returnRateLimit(
  pool: pg.Pool,
  scope: string,
  quantity: number,
): Promise<void> {
  await pool.query('UPDATE rate_windows SET used = greatest(used - $2, 0) WHERE scope = $1', [
    scope,
    quantity,
  ]);
}
