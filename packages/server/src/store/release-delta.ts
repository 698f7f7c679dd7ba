/**
 * What one digest batch adds to each release its events name, summed in memory like the issues'
 * deltas (issue-delta.ts), so a release costs one upsert per batch. The first event that names a
 * release creates it: releases exist without anyone calling the API, as on sentry.io.
 * Dialect-independent; the dialects run RELEASE_UPSERT (sqlite/persist-batch.ts,
 * postgres/persist-batch.ts) before the issues' updates, which read releases (issue-wake.ts).
 */
import type { IssueDelta } from './issue-delta.js';
import type { DigestedEvent } from './types.js';

export interface ReleaseDelta {
  projectId: number;
  version: string;
  /** When the batch's first event naming it was received: the release's created_at if new. */
  firstReceivedAt: number;
  firstEvent: number;
  lastEvent: number;
  count: number;
  newIssues: number;
}

function keyOf(projectId: number, version: string): string {
  return `${projectId}\u0000${version}`;
}

/** The batch's releases, in (project, version) order: PostgreSQL locks rows in that order. */
export function releaseDeltas(
  events: readonly DigestedEvent[],
  issueDeltas: Iterable<IssueDelta>,
): ReleaseDelta[] {
  const deltas = new Map<string, ReleaseDelta>();
  for (const event of events) {
    if (event.release === undefined) continue;
    const key = keyOf(event.projectId, event.release);
    const delta = deltas.get(key);
    if (delta === undefined) {
      deltas.set(key, {
        projectId: event.projectId,
        version: event.release,
        firstReceivedAt: event.receivedAt,
        firstEvent: event.timestamp,
        lastEvent: event.timestamp,
        count: 1,
        newIssues: 0,
      });
    } else {
      delta.firstReceivedAt = Math.min(delta.firstReceivedAt, event.receivedAt);
      delta.firstEvent = Math.min(delta.firstEvent, event.timestamp);
      delta.lastEvent = Math.max(delta.lastEvent, event.timestamp);
      delta.count++;
    }
  }
  for (const issue of issueDeltas) {
    if (!issue.isNew || issue.firstRelease === undefined) continue;
    const delta = deltas.get(keyOf(issue.projectId, issue.firstRelease));
    if (delta !== undefined) delta.newIssues++;
  }
  return [...deltas.values()].sort(
    (a, b) => a.projectId - b.projectId || (a.version < b.version ? -1 : 1),
  );
}

/**
 * Creates the release or adds the batch to it, in SQL both dialects accept (`?` markers, in the
 * order of releaseUpsertParams). A release the API made before any event has NULL event times.
 */
export const RELEASE_UPSERT = `INSERT INTO releases
    (project_id, version, created_at, first_event, last_event, event_count, new_issues)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (project_id, version) DO UPDATE SET
    first_event = CASE WHEN releases.first_event IS NULL OR excluded.first_event < releases.first_event
      THEN excluded.first_event ELSE releases.first_event END,
    last_event = CASE WHEN releases.last_event IS NULL OR excluded.last_event > releases.last_event
      THEN excluded.last_event ELSE releases.last_event END,
    event_count = releases.event_count + excluded.event_count,
    new_issues = releases.new_issues + excluded.new_issues`;

export function releaseUpsertParams(delta: ReleaseDelta): Array<string | number> {
  return [
    delta.projectId,
    delta.version,
    delta.firstReceivedAt,
    delta.firstEvent,
    delta.lastEvent,
    delta.count,
    delta.newIssues,
  ];
}
