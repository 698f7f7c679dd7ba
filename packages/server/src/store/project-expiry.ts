/**
 * One project's events received before its own cutoff, with their attachments, found on the
 * (project_id, received_at) index (on PostgreSQL only in the week partitions before the cutoff).
 * A batch per statement, with a pause between: on SQLite each runs on the thread that answers HTTP.
 */
import { deleteEvents, eventRefs } from './delete-events.js';
import type { RemovedEvents } from './delete-events.js';
import { RETENTION_BATCH_ROWS, yieldToOthers } from './retention.js';
import type { Sql } from './sql.js';

export async function deleteProjectEventsBefore(
  sql: Sql,
  projectId: number,
  cutoff: number,
): Promise<RemovedEvents> {
  const removed: RemovedEvents = { events: 0, attachments: 0 };
  for (;;) {
    const batch = await sql.all(
      `SELECT id, event_id, received_at FROM events WHERE project_id = ? AND received_at < ?
       LIMIT ${RETENTION_BATCH_ROWS}`,
      [projectId, cutoff],
    );
    const deleted = await deleteEvents(sql, projectId, eventRefs(batch));
    removed.events += deleted.events;
    removed.attachments += deleted.attachments;
    if (batch.length < RETENTION_BATCH_ROWS) return removed;
    await yieldToOthers();
  }
}
