/**
 * The query both dialects use to turn stored event rows into LiveEvents (types.ts); each appends
 * its own WHERE (PostgreSQL: the ids a notification named; SQLite: the ids past its cursor).
 */
export const LIVE_EVENT_SELECT = `SELECT e.id, e.project_id, e.issue_id, e.event_id, e.level,
    e.timestamp, e.received_at, i.title, i.culprit
  FROM events e JOIN issues i ON i.id = e.issue_id`;
