/**
 * Store.watchChanges on SQLite: one server writes, so row ids grow in commit order and a cursor
 * past the last announced event finds every new one. Polling it works from any process (the
 * server's API, `faultline tail` beside it) at the cost of one indexed read per tick; there is no
 * `queued` to report, since a SQLite queue has one reader, woken by its own server's ingest.
 *
 * An event's issue is new when its id is past the highest issue id seen so far, and the event is
 * the first of that issue announced: the event and its issue commit together.
 */
import type Database from 'better-sqlite3';
import { LIVE_EVENT_SELECT } from '../live-events.js';
import type { ChangeListener, ChangeWatch, LiveEvent } from '../types.js';
import { rowToLiveEvent } from './rows.js';
import type { LiveEventRow } from './rows.js';

/**
 * A new event is heard within this, well inside the "within a second" users expect; the server
 * that stored it looks at once (`look`), so this bounds only other processes' delay.
 */
const POLL_MS = 250;
const EVENTS_PER_POLL = 500;

export function watchSqlite(db: Database.Database, listener: ChangeListener): ChangeWatch {
  const onEvents = listener.events;
  if (onEvents === undefined) return { look: () => {}, close: async () => {} };

  const latestId = (table: 'events' | 'issues') =>
    (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${table}`).get() as { id: number }).id;
  const eventsAfter = db.prepare(`${LIVE_EVENT_SELECT} WHERE e.id > ? ORDER BY e.id LIMIT ?`);
  const readNew = db.transaction((after: number) => ({
    latestIssue: latestId('issues'),
    rows: eventsAfter.all(after, EVENTS_PER_POLL) as LiveEventRow[],
  }));

  let eventCursor = latestId('events');
  let issueCursor = latestId('issues');
  // New issues already announced past issueCursor, while a backlog is read in several polls.
  const announced = new Set<number>();

  function poll(): void {
    let result: ReturnType<typeof readNew>;
    try {
      // Row ids are reused once retention removed the highest ones: go on from what is there.
      eventCursor = Math.min(eventCursor, latestId('events'));
      result = readNew(eventCursor);
    } catch {
      return; // Busy (a checkpoint, a long write): the next tick reads the same rows.
    }
    const events: LiveEvent[] = result.rows.map((row) => {
      const newIssue = row.issue_id > issueCursor && !announced.has(row.issue_id);
      if (newIssue) announced.add(row.issue_id);
      return rowToLiveEvent(row, newIssue);
    });
    if (events.length > 0) eventCursor = events[events.length - 1]!.id;
    if (events.length < EVENTS_PER_POLL) {
      issueCursor = result.latestIssue;
      announced.clear();
    }
    if (events.length > 0) onEvents!(events);
  }

  const timer = setInterval(poll, POLL_MS);
  return {
    look: poll,
    async close() {
      clearInterval(timer);
    },
  };
}
