/**
 * The API's reads of stored events, the same SQL in every dialect: an issue's events newest
 * first by a keyset cursor (the row id), one event with its neighbours, attachments.
 */
import { decodeEventPayload } from './payload-codec.js';
import type { Sql, SqlRow } from './sql.js';
import { numberColumn, optionalStringColumn, stringColumn } from './sql.js';

export interface StoredEvent {
  /** The row id: the order events were stored in, and the cursor. */
  id: number;
  eventId: string;
  issueId: number;
  projectId: number;
  timestamp: number;
  receivedAt: number;
  level: string;
  event: Record<string, unknown>;
}

export interface AttachmentInfo {
  id: number;
  filename: string;
  contentType: string | undefined;
  attachmentType: string | undefined;
  size: number;
}

const EVENT_SELECT =
  'SELECT id, event_id, issue_id, project_id, timestamp, received_at, level, payload FROM events';

function payloadBytes(row: SqlRow): Uint8Array {
  const value = row['payload'];
  if (value instanceof Uint8Array) return value;
  throw new TypeError('column payload: expected bytes');
}

function eventFromRow(row: SqlRow): StoredEvent {
  return {
    id: numberColumn(row, 'id'),
    eventId: stringColumn(row, 'event_id'),
    issueId: numberColumn(row, 'issue_id'),
    projectId: numberColumn(row, 'project_id'),
    timestamp: numberColumn(row, 'timestamp'),
    receivedAt: numberColumn(row, 'received_at'),
    level: stringColumn(row, 'level'),
    event: decodeEventPayload(payloadBytes(row)),
  };
}

/** Up to `limit` events of an issue stored before row `before` (newest first). */
export async function issueEvents(
  sql: Sql,
  issueId: number,
  options: { limit: number; before?: number | undefined },
): Promise<StoredEvent[]> {
  const rows = await sql.all(
    `${EVENT_SELECT} WHERE issue_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    [issueId, options.before ?? Number.MAX_SAFE_INTEGER, options.limit],
  );
  return rows.map(eventFromRow);
}

export async function issueEdgeEvent(sql: Sql, issueId: number, which: 'latest' | 'oldest') {
  const order = which === 'latest' ? 'DESC' : 'ASC';
  const row = await sql.get(`${EVENT_SELECT} WHERE issue_id = ? ORDER BY id ${order} LIMIT 1`, [
    issueId,
  ]);
  return row && eventFromRow(row);
}

export async function findEvent(sql: Sql, projectId: number, eventId: string) {
  const row = await sql.get(`${EVENT_SELECT} WHERE project_id = ? AND event_id = ?`, [
    projectId,
    eventId,
  ]);
  return row && eventFromRow(row);
}

/** The event ids stored just before and after `event` in its issue. */
export async function neighbourEventIds(sql: Sql, event: StoredEvent) {
  const one = async (comparison: '<' | '>', order: 'ASC' | 'DESC') => {
    const row = await sql.get(
      `SELECT event_id FROM events WHERE issue_id = ? AND id ${comparison} ? ORDER BY id ${order} LIMIT 1`,
      [event.issueId, event.id],
    );
    return row === undefined ? null : stringColumn(row, 'event_id');
  };
  return { previous: await one('<', 'DESC'), next: await one('>', 'ASC') };
}

export async function eventAttachments(
  sql: Sql,
  projectId: number,
  eventId: string,
): Promise<AttachmentInfo[]> {
  const rows = await sql.all(
    `SELECT id, filename, content_type, attachment_type, size FROM attachments
     WHERE project_id = ? AND event_id = ? ORDER BY id`,
    [projectId, eventId],
  );
  return rows.map((row) => ({
    id: numberColumn(row, 'id'),
    filename: stringColumn(row, 'filename'),
    contentType: optionalStringColumn(row, 'content_type'),
    attachmentType: optionalStringColumn(row, 'attachment_type'),
    size: numberColumn(row, 'size'),
  }));
}

export async function attachmentData(
  sql: Sql,
  projectId: number,
  eventId: string,
  attachmentId: number,
) {
  const row = await sql.get(
    `SELECT filename, content_type, data FROM attachments WHERE project_id = ? AND event_id = ? AND id = ?`,
    [projectId, eventId, attachmentId],
  );
  if (row === undefined) return undefined;
  const data = row['data'];
  return {
    filename: stringColumn(row, 'filename'),
    contentType: optionalStringColumn(row, 'content_type'),
    data: data instanceof Uint8Array ? data : new Uint8Array(),
  };
}
