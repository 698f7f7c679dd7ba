/**
 * The outcomes table, the same SQL in both dialects: counts per project, hour, category, outcome
 * and reason, added to by upsert and read for the stats endpoint. The words in it come from a
 * fixed vocabulary (ingest/outcome-vocabulary.ts), so its rows grow with projects and hours, and
 * retention removes the hours no project keeps (outcome-retention.ts).
 */
import { numberColumn, stringColumn } from './sql.js';
import type { Sql, SqlRow, SqlValue } from './sql.js';
import type { Outcome, OutcomeRecord } from './types.js';

// 6 parameters a row: 6,000 a statement, far below PostgreSQL's 65,535 and SQLite's 32,766.
export const OUTCOME_ROWS_PER_STATEMENT = 1000;

export interface OutcomeListOptions {
  /** Unix seconds: only the hours that end after it. */
  since?: number;
  /** The newest rows up to this many (default: all). */
  limit?: number;
}

/**
 * Adds the records' quantities to their rows, all of them or (on an error) none. Summed per row
 * first, since ON CONFLICT may touch a row once per statement, and written in one order, so two
 * PostgreSQL nodes adding to the same hours cannot deadlock.
 */
export async function recordOutcomes(sql: Sql, outcomes: readonly OutcomeRecord[]): Promise<void> {
  const sums = new Map<string, OutcomeRecord>();
  for (const o of outcomes) {
    const key = JSON.stringify([o.projectId, o.hour, o.category, o.outcome, o.reason]);
    const sum = sums.get(key);
    if (sum === undefined) sums.set(key, { ...o });
    else sum.quantity += o.quantity;
  }
  if (sums.size === 0) return;
  const rows = Array.from(sums)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, o]) => o);
  await sql.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += OUTCOME_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + OUTCOME_ROWS_PER_STATEMENT);
      const params: SqlValue[] = [];
      for (const o of chunk)
        params.push(o.projectId, o.hour, o.category, o.outcome, o.reason, o.quantity);
      await tx.run(
        `INSERT INTO outcomes (project_id, hour, category, outcome, reason, quantity)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (project_id, hour, category, outcome, reason)
         DO UPDATE SET quantity = outcomes.quantity + excluded.quantity`,
        params,
      );
    }
  });
}

/** Oldest hour first; with a limit, the newest rows that fit. */
export async function listOutcomes(
  sql: Sql,
  projectId: number,
  options: OutcomeListOptions = {},
): Promise<OutcomeRecord[]> {
  const params: SqlValue[] = [projectId];
  let where = 'project_id = ?';
  if (options.since !== undefined) {
    // An hour's row counts while any of its hour is after `since`. Floored: hours are whole
    // seconds, and PostgreSQL reads the parameter as the column's BIGINT.
    where += ' AND hour > ?';
    params.push(Math.floor(options.since - 3600));
  }
  let limit = '';
  if (options.limit !== undefined) {
    limit = 'LIMIT ?';
    params.push(options.limit);
  }
  const rows = await sql.all(
    `SELECT project_id, hour, category, outcome, reason, quantity FROM outcomes WHERE ${where}
     ORDER BY hour DESC, category DESC, outcome DESC, reason DESC ${limit}`,
    params,
  );
  return rows.map(rowToOutcome).reverse();
}

const OUTCOMES: ReadonlySet<string> = new Set<Outcome>([
  'accepted',
  'filtered',
  'rate_limited',
  'invalid',
  'client_discard',
]);

function rowToOutcome(row: SqlRow): OutcomeRecord {
  const outcome = stringColumn(row, 'outcome');
  if (!OUTCOMES.has(outcome)) throw new TypeError(`column outcome: unknown outcome "${outcome}"`);
  return {
    projectId: numberColumn(row, 'project_id'),
    hour: numberColumn(row, 'hour'),
    category: stringColumn(row, 'category'),
    outcome: outcome as Outcome,
    reason: stringColumn(row, 'reason'),
    quantity: numberColumn(row, 'quantity'),
  };
}
