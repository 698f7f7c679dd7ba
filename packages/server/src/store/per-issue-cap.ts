/**
 * A project's per-issue cap (projects.max_events_per_issue): each issue keeps its newest events,
 * newest by id (the order digest stored them in), and the older ones go with their attachments.
 * The issue's counts stay: they are its history, not what is kept.
 */
import { deleteEvents, eventRefs } from './delete-events.js';
import type { RemovedEvents } from './delete-events.js';
import { RETENTION_BATCH_ROWS, yieldToOthers } from './retention.js';
import { numberColumn } from './sql.js';
import type { Sql } from './sql.js';

export async function trimIssuesToCap(
  sql: Sql,
  projectId: number,
  maxEventsPerIssue: number,
): Promise<RemovedEvents> {
  const removed: RemovedEvents = { events: 0, attachments: 0 };
  let after: IssueCursor | undefined;
  for (;;) {
    const page = await issuesPage(sql, projectId, after);
    await yieldToOthers();
    for (const row of page) {
      // times_seen counts every event the issue ever had, kept or not: an issue seen no more
      // often than the cap cannot be over it.
      if (numberColumn(row, 'times_seen') <= maxEventsPerIssue) continue;
      const issue = await trimIssue(sql, projectId, numberColumn(row, 'id'), maxEventsPerIssue);
      removed.events += issue.events;
      removed.attachments += issue.attachments;
    }
    const last = page.at(-1);
    if (page.length < RETENTION_BATCH_ROWS || last === undefined) return removed;
    after = { lastSeen: numberColumn(last, 'last_seen'), id: numberColumn(last, 'id') };
  }
}

interface IssueCursor {
  lastSeen: number;
  id: number;
}

/**
 * The project's next issues along its (project_id, last_seen) index, newest first: a bounded
 * read however many issues the project has. An issue whose last_seen moves past the cursor
 * meanwhile waits for the next pass.
 */
function issuesPage(sql: Sql, projectId: number, after: IssueCursor | undefined) {
  const columns = 'SELECT id, last_seen, times_seen FROM issues WHERE project_id = ?';
  const order = `ORDER BY last_seen DESC, id DESC LIMIT ${RETENTION_BATCH_ROWS}`;
  if (after === undefined) return sql.all(`${columns} ${order}`, [projectId]);
  return sql.all(`${columns} AND (last_seen < ? OR (last_seen = ? AND id < ?)) ${order}`, [
    projectId,
    after.lastSeen,
    after.lastSeen,
    after.id,
  ]);
}

async function trimIssue(
  sql: Sql,
  projectId: number,
  issueId: number,
  maxEventsPerIssue: number,
): Promise<RemovedEvents> {
  // The newest event past the cap, on the (issue_id, id) index: it and all older ones go.
  // Events digested meanwhile have higher ids, and stay.
  const newestOver = await sql.get(
    'SELECT id FROM events WHERE issue_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
    [issueId, maxEventsPerIssue],
  );
  await yieldToOthers();
  const removed: RemovedEvents = { events: 0, attachments: 0 };
  if (newestOver === undefined) return removed;
  for (;;) {
    const batch = await sql.all(
      `SELECT id, event_id, received_at FROM events WHERE issue_id = ? AND id <= ?
       ORDER BY id LIMIT ${RETENTION_BATCH_ROWS}`,
      [issueId, numberColumn(newestOver, 'id')],
    );
    const deleted = await deleteEvents(sql, projectId, eventRefs(batch), issueId);
    removed.events += deleted.events;
    removed.attachments += deleted.attachments;
    if (batch.length < RETENTION_BATCH_ROWS) return removed;
  }
}
