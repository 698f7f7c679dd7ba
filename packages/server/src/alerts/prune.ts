/**
 * The notification log is kept as long as events are (the server's default retention): done
 * notifications older than that go, with their attempts, a batch at a time. Pending ones stay
 * whatever their age: they are still to be delivered.
 */
import { inBatches, RETENTION_BATCH_ROWS } from '../store/retention.js';
import type { Sql } from '../store/sql.js';

export function pruneAlertLog(sql: Sql, before: number): Promise<number> {
  return inBatches(() =>
    sql.run(
      `DELETE FROM alert_notifications WHERE id IN (
         SELECT id FROM alert_notifications WHERE status <> 'pending' AND created_at < ?
         LIMIT ${RETENTION_BATCH_ROWS})`,
      [before],
    ),
  );
}
