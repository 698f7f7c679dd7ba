/**
 * Outcome counts are kept as long as the longest retention, like the events they count: after
 * that no project has anything left they could explain. Rows of deleted projects go the same way.
 */
import { inBatches, RETENTION_BATCH_ROWS } from './retention.js';
import type { Sql } from './sql.js';

/** Deletes the rows of hours that ended before `cutoff` (Unix seconds); how many went. */
export function deleteOutcomesBefore(sql: Sql, cutoff: number): Promise<number> {
  // The table's key is its only index (project first): rows go by key, in bounded batches.
  return inBatches(() =>
    sql.run(
      `DELETE FROM outcomes WHERE (project_id, hour, category, outcome, reason) IN (
         SELECT project_id, hour, category, outcome, reason FROM outcomes
         WHERE hour <= ? LIMIT ${RETENTION_BATCH_ROWS})`,
      // Floored: maintenance's `now` is fractional, and PostgreSQL reads it as a BIGINT.
      [Math.floor(cutoff - 3600)],
    ),
  );
}
