/**
 * The list's sparklines: each issue's events per hour over the last 24 hours, or per day over
 * the last 14 days, from issue_hourly in one query for the whole page (not a request per row).
 * Buckets are oldest first and end with the current hour or day, empty ones included.
 */
import { numberColumn, placeholders } from '../store/sql.js';
import type { Sql } from '../store/sql.js';

export const STATS_PERIODS = ['24h', '14d'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

const SHAPE: Readonly<Record<StatsPeriod, { bucketSeconds: number; buckets: number }>> = {
  '24h': { bucketSeconds: 3600, buckets: 24 },
  '14d': { bucketSeconds: 86400, buckets: 14 },
};

export async function issueStats(
  sql: Sql,
  issueIds: readonly number[],
  period: StatsPeriod,
  now: number,
): Promise<Map<number, number[]>> {
  const { bucketSeconds, buckets } = SHAPE[period];
  const lastStart = Math.floor(now / bucketSeconds) * bucketSeconds;
  const firstStart = lastStart - (buckets - 1) * bucketSeconds;
  const stats = new Map(issueIds.map((issueId) => [issueId, new Array<number>(buckets).fill(0)]));
  if (issueIds.length === 0) return stats;
  const rows = await sql.all(
    `SELECT issue_id, hour, count FROM issue_hourly
     WHERE issue_id IN (${placeholders(issueIds.length)}) AND hour >= ?`,
    [...issueIds, firstStart],
  );
  for (const row of rows) {
    const bucket = Math.floor((numberColumn(row, 'hour') - firstStart) / bucketSeconds);
    const series = stats.get(numberColumn(row, 'issue_id'));
    // An event stamped in the future (a client's clock) lands past the last bucket: left out.
    if (series !== undefined && bucket < buckets) series[bucket]! += numberColumn(row, 'count');
  }
  return stats;
}
