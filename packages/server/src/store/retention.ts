/**
 * Retention's row deletes, mostly the same SQL in both dialects (each supplies its parameter marker):
 * always in small batches, each its own short transaction, so ingest and digest never wait long
 * behind them. PostgreSQL drops whole partitions of events instead (postgres/partitions.ts) and
 * deletes rows only from its default partition.
 */

/** What one retention pass removed. */
export interface RetentionResult {
  events: number;
  attachments: number;
  /** Issues left without any event. */
  issues: number;
}

export const RETENTION_BATCH_ROWS = 500;

export function deleteReceivedBefore(table: string, cutoffParam: string): string {
  return `DELETE FROM ${table} WHERE id IN (
    SELECT id FROM ${table} WHERE received_at < ${cutoffParam} LIMIT ${RETENTION_BATCH_ROWS})`;
}

/** SQLite's (one writer); PostgreSQL must not race digest workers: postgres/empty-issues.ts. */
export const DELETE_ISSUES_WITHOUT_EVENTS = `DELETE FROM issues WHERE id IN (
  SELECT id FROM issues WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.issue_id = issues.id)
  LIMIT ${RETENTION_BATCH_ROWS})`;

/** Runs `deleteBatch` until a batch removes fewer rows than a full one; the total removed. */
export async function deleteInBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await deleteBatch();
    total += removed;
    if (removed < RETENTION_BATCH_ROWS) return total;
    // Let waiting requests and digest batches go first.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
