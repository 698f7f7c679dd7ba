/**
 * What nodes tell each other through PostgreSQL's LISTEN/NOTIFY (listen.ts hears it). A NOTIFY
 * sent inside a transaction is delivered at COMMIT and dropped on ROLLBACK, so listeners hear
 * only of what is durable, in commit order.
 *
 * `faultline_queue`: envelopes were queued; idle digest workers on every node look.
 * `faultline_events`: a batch was persisted. The payload names the events' row ids, not a range:
 * concurrent batches interleave identity values, so "ids up to N" would skip an id committed
 * later by a slower batch.
 */
import type pg from 'pg';
import type { PersistedRows } from './persist-batch.js';

export const QUEUE_CHANNEL = 'faultline_queue';
export const EVENTS_CHANNEL = 'faultline_events';

/**
 * Ids per notification: a payload must stay under PostgreSQL's 8000 bytes. Each id may appear
 * twice (events and newIssues), at most 16 digits and a comma each: 200 × 2 × 17 ≈ 6.8 KB.
 */
const IDS_PER_NOTIFICATION = 200;

export interface EventsNotification {
  /** Row ids of the persisted events. */
  events: number[];
  /** Those of them that created their issue. */
  newIssues: number[];
}

export async function notifyQueued(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [QUEUE_CHANNEL, '']);
}

export async function notifyPersisted(client: pg.PoolClient, rows: PersistedRows): Promise<void> {
  if (rows.eventRowIds.length === 0) return;
  const newIssues = new Set(rows.newIssueEventRowIds);
  const payloads: string[] = [];
  for (let start = 0; start < rows.eventRowIds.length; start += IDS_PER_NOTIFICATION) {
    const events = rows.eventRowIds.slice(start, start + IDS_PER_NOTIFICATION);
    const payload: EventsNotification = {
      events,
      newIssues: events.filter((id) => newIssues.has(id)),
    };
    payloads.push(JSON.stringify(payload));
  }
  // One round trip however many notifications.
  await client.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    EVENTS_CHANNEL,
    payloads,
  ]);
}

/** The payload of an events notification, or undefined if it is not one this version sends. */
export function parseEventsNotification(
  payload: string | undefined,
): EventsNotification | undefined {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    if (typeof value !== 'object' || value === null) return undefined;
    const { events, newIssues } = value as Record<string, unknown>;
    const isIds = (ids: unknown): ids is number[] =>
      Array.isArray(ids) && ids.every((id) => Number.isSafeInteger(id));
    return isIds(events) && isIds(newIssues) ? { events, newIssues } : undefined;
  } catch {
    return undefined;
  }
}
