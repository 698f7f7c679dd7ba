/**
 * The events table's weekly partitions by received_at (schema/main-migrations.ts, migration 3).
 * Each week's partition is made ahead of time, so inserts never wait on DDL; retention drops the
 * weeks wholly past it, which costs the same for a million rows as for one, and leaves nothing
 * for VACUUM to clean up.
 *
 * The DEFAULT partition holds what no week covers: the rows from before partitioning, and rows
 * received in a week whose partition could not be made (PostgreSQL refuses a new partition whose
 * range already has rows in the default). Retention deletes its rows one batch at a time.
 */
import type pg from 'pg';
import { inBatches, deleteReceivedBefore } from '../retention.js';
import { ADVISORY_LOCKS } from './advisory-locks.js';
import { inTransaction, queryCount, queryRows } from './pool.js';
import { readNumber, readString } from './rows.js';

const WEEK_SECONDS = 7 * 24 * 3600;
/** Makes the partitions of this week and of the next. */
const WEEKS_AHEAD = 1;
const CHECK_VIOLATION = '23514';
const LOCK_NOT_AVAILABLE = '55P03';

function weekName(week: number): string {
  return `events_w${week}`;
}

/** Creates the partitions for the week of `now` and the weeks ahead, where they are missing. */
export async function ensureEventPartitions(pool: pg.Pool, now: number): Promise<void> {
  const thisWeek = Math.floor(now / WEEK_SECONDS);
  for (let week = thisWeek; week <= thisWeek + WEEKS_AHEAD; week++) {
    try {
      await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.partitions]);
        // Creating a partition locks the events table: rather try again next hour than hold up
        // every insert behind a long reader.
        await client.query("SET LOCAL lock_timeout = '2s'");
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${weekName(week)} PARTITION OF events
           FOR VALUES FROM (${week * WEEK_SECONDS}) TO (${(week + 1) * WEEK_SECONDS})`,
        );
      });
    } catch (error) {
      // This week's rows already went to the default partition (they stay there this week), or
      // the table was too busy to lock (the next pass tries again).
      const code = (error as { code?: unknown }).code;
      if (code !== CHECK_VIOLATION && code !== LOCK_NOT_AVAILABLE) throw error;
    }
  }
}

/** The week partitions of events, oldest first. */
async function weekPartitions(pool: pg.Pool): Promise<Array<{ name: string; end: number }>> {
  const rows = await queryRows(
    pool,
    `SELECT child.relname AS name FROM pg_inherits
     JOIN pg_class child ON child.oid = pg_inherits.inhrelid
     WHERE pg_inherits.inhparent = 'events'::regclass`,
  );
  return rows
    .map((row) => /^events_w(\d+)$/.exec(readString(row, 'name')))
    .filter((match) => match !== null)
    .map((match) => ({ name: match[0], end: (Number(match[1]) + 1) * WEEK_SECONDS }))
    .sort((a, b) => a.end - b.end);
}

/**
 * Drops the week partitions that end at or before `cutoff`, and deletes the rows received before
 * it from the default partition. Resolves to how many events went.
 */
export async function dropEventPartitionsBefore(pool: pg.Pool, cutoff: number): Promise<number> {
  let dropped = 0;
  for (const partition of await weekPartitions(pool)) {
    if (partition.end > cutoff) break;
    dropped += await dropPartition(pool, partition.name);
  }
  dropped += await inBatches(() =>
    queryCount(pool, deleteReceivedBefore('events_default', '$1'), [cutoff]),
  );
  return dropped;
}

/** Drops one week; resolves to its event count (0 if another node dropped it, or it was busy). */
async function dropPartition(pool: pg.Pool, name: string): Promise<number> {
  try {
    return await inTransaction(pool, async (client) => {
      // Nodes retire weeks one at a time; another node may have dropped this one meanwhile.
      await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.partitions]);
      const [present] = await queryRows(client, 'SELECT to_regclass($1) IS NOT NULL AS yes', [
        name,
      ]);
      if (present!['yes'] !== true) return 0;
      // DROP locks the whole events table for a moment: rather give up (and try again next
      // time) than queue every insert behind a long reader.
      await client.query("SET LOCAL lock_timeout = '2s'");
      const [row] = await queryRows(client, `SELECT count(*) AS n FROM ${name}`);
      await client.query(`DROP TABLE ${name}`);
      return readNumber(row!, 'n');
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) return 0;
    throw error;
  }
}
