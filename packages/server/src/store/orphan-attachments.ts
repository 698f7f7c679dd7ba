/**
 * Attachments whose event never came. An envelope of attachments alone is stored under the
 * event id it names, to be shown with that event when it arrives (SDKs send such envelopes
 * right after the event). If it never does, nothing would show or delete them before the
 * longest retention (90 days): a DSN holder could fill the disk with them. So a retention pass
 * removes those without an event ORPHAN_GRACE_SECONDS after they arrived.
 *
 * The grace counts from the oldest envelope still waiting for digest, not from now: during a
 * backlog the event may sit in the queue behind its attachments, and must find them there.
 */
import { RETENTION_BATCH_ROWS, yieldToOthers } from './retention.js';
import { numberColumn, placeholders } from './sql.js';
import type { Sql } from './sql.js';

/**
 * An hour: SDKs send an event's attachments in the same envelope or within seconds of it, and
 * a project's attachment allowance (attachmentBytesPerProjectHour) then bounds what orphans can
 * hold on disk at about one hour's allowance.
 */
export const ORPHAN_GRACE_SECONDS = 3600;
/**
 * How far back each pass looks (passes run hourly, so a day's overlap covers missed ones):
 * older orphans, if any, go with retention. Bounds a pass's reading to a day of attachments.
 */
export const ORPHAN_LOOKBACK_SECONDS = 24 * 3600;

/**
 * Deletes the attachments received in the lookback before `now - grace` (or before the oldest
 * queued envelope's arrival - grace) that have no event; how many went. Reads the window once,
 * in batches in (received_at, id) order; the delete checks again, as an event may have come
 * meanwhile.
 */
export async function deleteOrphanAttachments(
  sql: Sql,
  now: number,
  oldestQueuedAt: number | undefined,
): Promise<number> {
  const before = Math.min(now, oldestQueuedAt ?? now) - ORPHAN_GRACE_SECONDS;
  let after = { receivedAt: before - ORPHAN_LOOKBACK_SECONDS, id: 0 };
  let deleted = 0;
  for (;;) {
    // The plain range on received_at keeps each batch an index range scan (attachments_received).
    const batch = await sql.all(
      `SELECT received_at, id, NOT EXISTS (SELECT 1 FROM events
           WHERE events.project_id = attachments.project_id
             AND events.event_id = attachments.event_id) AS orphan
       FROM attachments
       WHERE received_at >= ? AND received_at < ? AND (received_at > ? OR id > ?)
       ORDER BY received_at, id LIMIT ${RETENTION_BATCH_ROWS}`,
      [after.receivedAt, before, after.receivedAt, after.id],
    );
    const last = batch.at(-1);
    if (last === undefined) return deleted;
    const orphans = batch
      .filter((row) => Boolean(row['orphan']))
      .map((row) => numberColumn(row, 'id'));
    if (orphans.length > 0) {
      deleted += await sql.run(
        `DELETE FROM attachments WHERE id IN (${placeholders(orphans.length)})
           AND NOT EXISTS (SELECT 1 FROM events
             WHERE events.project_id = attachments.project_id
               AND events.event_id = attachments.event_id)`,
        orphans,
      );
    }
    await yieldToOthers();
    if (batch.length < RETENTION_BATCH_ROWS) return deleted;
    after = { receivedAt: numberColumn(last, 'received_at'), id: numberColumn(last, 'id') };
  }
}
