/**
 * Retention's row deletes (the pass that runs them: apply-retention-plan.ts), always in small
 * batches, each one statement and so its own short transaction, with a turn of the event loop
 * between them, so ingest and digest never wait long behind them. PostgreSQL drops whole
 * partitions of events where it can (postgres/partitions.ts).
 */

/** What one retention pass removed. */
export interface RetentionResult {
  /** Events received before their project's retention. */
  eventsExpired: number;
  /** Events older than the newest their issue may keep (a project's per-issue cap). */
  eventsOverCap: number;
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

/**
 * Runs `batch` (a delete, or an update, of at most RETENTION_BATCH_ROWS rows) until one touches
 * fewer than a full batch; the total touched.
 */
export async function inBatches(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const touched = await batch();
    total += touched;
    await yieldToOthers();
    if (touched < RETENTION_BATCH_ROWS) return total;
  }
}

/**
 * Lets waiting requests and digest batches go first. After every statement, not only after full
 * batches: SQLite's run synchronously on the thread that answers HTTP, and awaiting their
 * already-settled promises would never let a request in.
 */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
