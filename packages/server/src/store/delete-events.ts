/** How retention deletes events it has found: with their attachments, one statement each. */
import { yieldToOthers } from './retention.js';
import { numberColumn, placeholders, stringColumn } from './sql.js';
import type { Sql, SqlRow } from './sql.js';

/** An event retention found to delete. */
export interface EventRef {
  id: number;
  eventId: string;
  receivedAt: number;
}

export interface RemovedEvents {
  events: number;
  attachments: number;
}

/** Rows with the columns id, event_id, received_at. */
export function eventRefs(rows: readonly SqlRow[]): EventRef[] {
  return rows.map((row) => ({
    id: numberColumn(row, 'id'),
    eventId: stringColumn(row, 'event_id'),
    receivedAt: numberColumn(row, 'received_at'),
  }));
}

/**
 * Deletes these events of one project, and their attachments (they name their event by
 * event_id, with no reference that would cascade). Attachments first: a pass stopped in between
 * leaves events that the next pass finds again, never an attachment whose event is gone.
 */
export async function deleteEvents(
  sql: Sql,
  projectId: number,
  events: readonly EventRef[],
  /** Only while still in this issue: a merge moving them meanwhile changes what they are. */
  issueId?: number,
): Promise<RemovedEvents> {
  if (events.length === 0) return { events: 0, attachments: 0 };
  const eventIds = events.map((event) => event.eventId);
  const attachments = await sql.run(
    `DELETE FROM attachments WHERE project_id = ? AND event_id IN (${placeholders(eventIds.length)})`,
    [projectId, ...eventIds],
  );
  await yieldToOthers();
  const received = events.map((event) => event.receivedAt);
  const ids = events.map((event) => event.id);
  // The received_at range changes nothing on SQLite; on PostgreSQL it confines the id lookups
  // to the partitions these events are in instead of every week's.
  const inIssue = issueId === undefined ? '' : ' AND issue_id = ?';
  const deleted = await sql.run(
    `DELETE FROM events WHERE received_at >= ? AND received_at <= ?
     AND id IN (${placeholders(ids.length)})${inIssue}`,
    [
      Math.min(...received),
      Math.max(...received),
      ...ids,
      ...(issueId === undefined ? [] : [issueId]),
    ],
  );
  await yieldToOthers();
  return { events: deleted, attachments };
}
