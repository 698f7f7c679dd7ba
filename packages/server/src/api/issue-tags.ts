/**
 * An issue's tag distributions: its most used tag keys, each with its most frequent values.
 * Both are bounded and picked in SQL: an issue whose events each carry hundreds of unique tags
 * has hundreds of thousands of (key, value) rows, and reading them all to keep a few (as this
 * once did) built a 77 MB answer and held the server for seconds.
 */
import { numberColumn, stringColumn } from '../store/sql.js';
import type { Sql } from '../store/sql.js';

export interface TagDistribution {
  key: string;
  /** Events with this key. */
  total: number;
  /** The most frequent values, most frequent first. */
  values: Array<{ value: string; count: number }>;
}

export interface TagDistributionOptions {
  /** How many keys: those on the most events. */
  keys: number;
  /** How many values per key: the most frequent. */
  valuesPerKey: number;
}

/** The keys sorted by name, as they are shown; each key's values most frequent first. */
export async function issueTagDistributions(
  sql: Sql,
  issueId: number,
  options: TagDistributionOptions,
): Promise<TagDistribution[]> {
  const rows = await sql.all(
    `WITH top_keys AS (
       -- PostgreSQL sums a BIGINT column as NUMERIC (a string to pg): cast back.
       SELECT key, CAST(sum(count) AS BIGINT) AS total FROM issue_tags WHERE issue_id = ?
       GROUP BY key ORDER BY total DESC, key LIMIT ?),
     ranked AS (
       SELECT t.key, t.value, t.count,
         row_number() OVER (PARTITION BY t.key ORDER BY t.count DESC, t.value) AS value_rank
       FROM issue_tags t JOIN top_keys k ON k.key = t.key
       WHERE t.issue_id = ?)
     SELECT r.key, k.total, r.value, r.count FROM ranked r JOIN top_keys k ON k.key = r.key
     WHERE r.value_rank <= ? ORDER BY r.key, r.value_rank`,
    [issueId, options.keys, issueId, options.valuesPerKey],
  );
  const distributions: TagDistribution[] = [];
  for (const row of rows) {
    const key = stringColumn(row, 'key');
    let last = distributions.at(-1);
    if (last?.key !== key) {
      last = { key, total: numberColumn(row, 'total'), values: [] };
      distributions.push(last);
    }
    last.values.push({ value: stringColumn(row, 'value'), count: numberColumn(row, 'count') });
  }
  return distributions;
}
