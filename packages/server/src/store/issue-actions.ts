/**
 * What people do to issues from the API: change status, delete, merge. The same SQL in every
 * dialect (sql.ts); each action is one transaction and records itself in the issue's activity.
 */
import type { Sql } from './sql.js';
import { numberColumn, placeholders } from './sql.js';
import type { IssueStatus, ReleaseResolution } from './types.js';

/** Of `issueIds`, those that exist in `projectId` (the API acts only on those). */
export async function issuesInProject(
  sql: Sql,
  projectId: number,
  issueIds: readonly number[],
): Promise<number[]> {
  if (issueIds.length === 0) return [];
  const rows = await sql.all(
    `SELECT id FROM issues WHERE project_id = ? AND id IN (${placeholders(issueIds.length)}) ORDER BY id`,
    [projectId, ...issueIds],
  );
  return rows.map((row) => numberColumn(row, 'id'));
}

/**
 * How long an ignore lasts: for some minutes, or until the issue has seen this many more events
 * (issue-wake.ts wakes it). Without one, an ignore lasts until someone changes the status.
 */
export type IgnoreLimit = { minutes: number } | { moreEvents: number };

/**
 * What goes with a status: how long an ignore lasts, or the release a resolve is in (an issue
 * resolved so regresses only on a later release's events: issue-wake.ts).
 */
export type StatusDetail = IgnoreLimit | ReleaseResolution;

function checkDetail(status: IssueStatus, detail: StatusDetail | undefined): void {
  if (detail === undefined) return;
  const goesWith = 'kind' in detail ? 'resolved' : 'ignored';
  if (status !== goesWith) {
    throw new TypeError(`${JSON.stringify(detail)} goes with status ${goesWith}, not ${status}`);
  }
}

/** The activity's record of a status's detail, in the API's words. */
function detailData(detail: StatusDetail | undefined): Record<string, string | number> {
  if (detail === undefined) return {};
  if (!('kind' in detail)) return detail;
  return detail.kind === 'in_release'
    ? { inRelease: detail.version }
    : { inNextRelease: detail.version };
}

/**
 * Sets the status of `issueIds`, with its detail (an ignore limit with 'ignored', a release with
 * 'resolved'). Any change clears an earlier ignore's limits and resolve's release, so a
 * re-ignored or resolved issue does not wake by an old one.
 */
export async function setIssuesStatus(
  sql: Sql,
  issueIds: readonly number[],
  status: IssueStatus,
  by: { userId: number | undefined; at: number },
  detail?: StatusDetail,
): Promise<void> {
  if (issueIds.length === 0) return;
  checkDetail(status, detail);
  const ignoredUntil =
    detail !== undefined && 'minutes' in detail ? by.at + detail.minutes * 60 : null;
  const moreEvents = detail !== undefined && 'moreEvents' in detail ? detail.moreEvents : null;
  const resolvedIn = detail !== undefined && 'kind' in detail ? detail : undefined;
  const data = JSON.stringify({
    ...(by.userId === undefined ? {} : { userId: by.userId }),
    ...detailData(detail),
  });
  await sql.transaction(async (tx) => {
    // Each issue wakes after its own count: times_seen + NULL leaves the column NULL.
    await tx.run(
      `UPDATE issues SET status = ?, resolved_at = ?, resolved_release = ?,
         resolved_release_kind = ?, ignored_until = ?, ignored_until_times_seen = times_seen + ?
       WHERE id IN (${placeholders(issueIds.length)})`,
      [
        status,
        status === 'resolved' ? by.at : null,
        resolvedIn?.version ?? null,
        resolvedIn?.kind ?? null,
        ignoredUntil,
        moreEvents,
        ...issueIds,
      ],
    );
    for (const issueId of issueIds) {
      await tx.run('INSERT INTO issue_activity (issue_id, kind, at, data) VALUES (?, ?, ?, ?)', [
        issueId,
        status,
        by.at,
        data,
      ]);
    }
  });
}

/** Deletes issues with their events and those events' attachments. */
export async function deleteIssues(sql: Sql, projectId: number, issueIds: readonly number[]) {
  if (issueIds.length === 0) return;
  const ids = placeholders(issueIds.length);
  await sql.transaction(async (tx) => {
    await tx.run(
      `DELETE FROM attachments WHERE project_id = ? AND event_id IN (
         SELECT event_id FROM events WHERE project_id = ? AND issue_id IN (${ids}))`,
      [projectId, projectId, ...issueIds],
    );
    await tx.run(`DELETE FROM events WHERE issue_id IN (${ids})`, issueIds);
    await tx.run(`DELETE FROM issues WHERE project_id = ? AND id IN (${ids})`, [
      projectId,
      ...issueIds,
    ]);
  });
}

/** `a` if it is less than `b`, in SQL both dialects accept (SQLite's min(a, b) is PostgreSQL's LEAST). */
const earlier = (a: string, b: string) => `CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END`;
const later = (a: string, b: string) => `CASE WHEN ${a} > ${b} THEN ${a} ELSE ${b} END`;

/**
 * Merges `sourceIds` into `targetId`: their events, grouping hashes (so later events of theirs
 * land in the target), tag and hourly counts and users move over, then they are deleted.
 */
export async function mergeIssues(
  sql: Sql,
  targetId: number,
  sourceIds: readonly number[],
  by: { userId: number | undefined; at: number },
): Promise<void> {
  const sources = sourceIds.filter((id) => id !== targetId);
  if (sources.length === 0) return;
  const ids = placeholders(sources.length);
  await sql.transaction(async (tx) => {
    await tx.run(`UPDATE issue_hashes SET issue_id = ? WHERE issue_id IN (${ids})`, [
      targetId,
      ...sources,
    ]);
    await tx.run(`UPDATE events SET issue_id = ? WHERE issue_id IN (${ids})`, [
      targetId,
      ...sources,
    ]);
    await tx.run(
      `INSERT INTO issue_tags (issue_id, key, value, count, first_seen, last_seen)
       SELECT CAST(? AS BIGINT), key, value, sum(count), min(first_seen), max(last_seen) FROM issue_tags
       WHERE issue_id IN (${ids}) GROUP BY key, value
       ON CONFLICT (issue_id, key, value) DO UPDATE SET
         count = issue_tags.count + excluded.count,
         first_seen = ${earlier('excluded.first_seen', 'issue_tags.first_seen')},
         last_seen = ${later('excluded.last_seen', 'issue_tags.last_seen')}`,
      [targetId, ...sources],
    );
    await tx.run(
      `INSERT INTO issue_hourly (issue_id, hour, count)
       SELECT CAST(? AS BIGINT), hour, sum(count) FROM issue_hourly WHERE issue_id IN (${ids}) GROUP BY hour
       ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly.count + excluded.count`,
      [targetId, ...sources],
    );
    await tx.run(
      `INSERT INTO issue_users (issue_id, user_key)
       SELECT DISTINCT CAST(? AS BIGINT), user_key FROM issue_users WHERE issue_id IN (${ids})
       ON CONFLICT (issue_id, user_key) DO NOTHING`,
      [targetId, ...sources],
    );
    const totals = (await tx.get(
      `SELECT CAST(sum(times_seen) AS BIGINT) AS times_seen, min(first_seen) AS first_seen, max(last_seen) AS last_seen
       FROM issues WHERE id IN (${ids})`,
      sources,
    ))!;
    const firstSeen = numberColumn(totals, 'first_seen');
    const lastSeen = numberColumn(totals, 'last_seen');
    await tx.run(
      `UPDATE issues SET
         times_seen = times_seen + ?,
         first_seen = ${earlier('first_seen', '?')},
         last_seen = ${later('last_seen', '?')},
         user_count = (SELECT count(*) FROM issue_users WHERE issue_id = ?)
       WHERE id = ?`,
      [
        numberColumn(totals, 'times_seen'),
        // Each CASE names its value twice.
        ...[firstSeen, firstSeen, lastSeen, lastSeen],
        targetId,
        targetId,
      ],
    );
    await tx.run(`DELETE FROM issues WHERE id IN (${ids})`, sources);
    await tx.run('INSERT INTO issue_activity (issue_id, kind, at, data) VALUES (?, ?, ?, ?)', [
      targetId,
      'merge',
      by.at,
      JSON.stringify({
        merged: sources,
        ...(by.userId === undefined ? {} : { userId: by.userId }),
      }),
    ]);
  });
}
