/**
 * Writes one digested batch inside the caller's transaction, with the semantics of
 * sqlite/persist-batch.ts: for each event, find or create its issue by grouping hash and insert
 * the event (a stored event_id is skipped, so re-digesting a batch changes nothing); then one
 * update per touched issue with the batch's sums (issue-delta.ts), reopening resolved issues as
 * regressions. The events' releases are created or added to before the issues are updated
 * (release-delta.ts).
 *
 * What differs is that many digest workers on many nodes persist at once:
 * - Two workers may see the same new hash together. Each inserts its hash row with ON CONFLICT
 *   DO NOTHING; the one that loses waited for the winner's commit, then adopts the winner's issue
 *   and drops the one it had just made.
 * - Locks are taken in one order (new hashes sorted, issues updated by ascending id), so two
 *   batches touching the same issues wait for each other instead of deadlocking.
 * - Each statement is a network round trip, so lookups (primary and secondary hashes together)
 *   and the event insert cover the whole batch.
 */
import type pg from 'pg';
import { addEventToDelta, newIssueDelta } from '../issue-delta.js';
import type { IssueDelta } from '../issue-delta.js';
import type { DigestedBatch, DigestedEvent, EventAttachment } from '../types.js';
import { queryCount, queryRows, textParam, valuesList } from './pool.js';
import { readNumber, readString } from './rows.js';
import { applyDelta } from './apply-delta.js';
import { RELEASE_UPSERT, releaseDeltas, releaseUpsertParams } from '../release-delta.js';
import { numberMarkers } from './sql.js';

interface IssueRef {
  issueId: number;
  isNew: boolean;
}

/** Rows per multi-row INSERT, far under PostgreSQL's 65 535 parameters a statement. */
const ROWS_PER_INSERT = 1000;

function keyOf(projectId: number, text: string): string {
  return `${projectId}\u0000${text}`;
}

/** The batch's events not stored yet, each event id once (the first wins, as on SQLite). */
async function unstoredEvents(
  client: pg.PoolClient,
  events: readonly DigestedEvent[],
): Promise<DigestedEvent[]> {
  if (events.length === 0) return [];
  const rows = await queryRows(
    client,
    `SELECT project_id, event_id FROM events
     JOIN unnest($1::bigint[], $2::text[]) AS wanted (project_id, event_id)
     USING (project_id, event_id)`,
    [events.map((e) => e.projectId), events.map((e) => e.eventId)],
  );
  const seen = new Set(
    rows.map((row) => keyOf(readNumber(row, 'project_id'), readString(row, 'event_id'))),
  );
  return events.filter((event) => {
    const key = keyOf(event.projectId, event.eventId);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function createIssue(client: pg.PoolClient, event: DigestedEvent): Promise<IssueRef> {
  const [created] = await queryRows(
    client,
    `INSERT INTO issues (project_id, title, culprit, type, value, level, platform,
       first_seen, last_seen, first_release, last_release)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $9) RETURNING id`,
    [
      event.projectId,
      textParam(event.title),
      textParam(event.culprit),
      textParam(event.type),
      textParam(event.value),
      textParam(event.level),
      textParam(event.platform),
      event.timestamp,
      textParam(event.release),
    ],
  );
  const issueId = readNumber(created!, 'id');
  const winner = await addHash(client, event, issueId, null);
  if (winner === undefined) return { issueId, isNew: true };
  // Another worker created this hash's issue and committed while this insert waited on it.
  await client.query('DELETE FROM issues WHERE id = $1', [issueId]);
  return { issueId: winner, isNew: false };
}

/**
 * Adds the event's hash to `issueId`, unless another worker added the same hash first (and
 * committed while this insert waited on it): then returns the issue that one leads to.
 */
async function addHash(
  client: pg.PoolClient,
  event: DigestedEvent,
  issueId: number,
  joinedViaHash: string | null,
): Promise<number | undefined> {
  const won = await queryCount(
    client,
    `INSERT INTO issue_hashes (project_id, hash, issue_id, grouping_version, components,
       joined_via_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (project_id, hash) DO NOTHING`,
    [
      event.projectId,
      event.groupingHash,
      issueId,
      event.groupingVersion,
      JSON.stringify(event.groupingComponents),
      joinedViaHash,
    ],
  );
  if (won === 1) return undefined;
  const [winner] = await queryRows(
    client,
    'SELECT issue_id FROM issue_hashes WHERE project_id = $1 AND hash = $2',
    [event.projectId, event.groupingHash],
  );
  return readNumber(winner!, 'issue_id');
}

/** The issue each of `hashes` leads to, in one round trip. */
async function issuesOfHashes(
  client: pg.PoolClient,
  hashes: ReadonlyArray<{ projectId: number; hash: string }>,
): Promise<Map<string, number>> {
  const rows = await queryRows(
    client,
    `SELECT project_id, hash, issue_id FROM issue_hashes
     JOIN unnest($1::bigint[], $2::text[]) AS wanted (project_id, hash) USING (project_id, hash)`,
    [hashes.map((h) => h.projectId), hashes.map((h) => h.hash)],
  );
  return new Map(
    rows.map((row) => [
      keyOf(readNumber(row, 'project_id'), readString(row, 'hash')),
      readNumber(row, 'issue_id'),
    ]),
  );
}

/**
 * The issue of each (project, hash) among the events, creating the missing ones; during a
 * grouping transition a missing hash first joins the issue of the event's secondary hash, looked
 * up in the same round trip.
 */
async function findOrCreateIssues(
  client: pg.PoolClient,
  events: readonly DigestedEvent[],
): Promise<Map<string, IssueRef>> {
  const firstByHash = new Map<string, DigestedEvent>();
  for (const event of events) {
    const key = keyOf(event.projectId, event.groupingHash);
    if (!firstByHash.has(key)) firstByHash.set(key, event);
  }
  const issues = new Map<string, IssueRef>();
  if (firstByHash.size === 0) return issues;
  const wanted = [...firstByHash.values()].flatMap((event) => {
    const { projectId, groupingHash, secondaryGroupingHash } = event;
    const primary = { projectId, hash: groupingHash };
    return secondaryGroupingHash === undefined
      ? [primary]
      : [primary, { projectId, hash: secondaryGroupingHash }];
  });
  const found = await issuesOfHashes(client, wanted);
  for (const key of firstByHash.keys()) {
    const issueId = found.get(key);
    if (issueId !== undefined) issues.set(key, { issueId, isNew: false });
  }
  const missing = [...firstByHash].filter(([key]) => !issues.has(key));
  missing.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, event] of missing) {
    // During a transition the new hash joins the issue its secondary hash leads to (see
    // sqlite/persist-batch.ts), unless another worker added it first.
    const secondary = event.secondaryGroupingHash;
    const previous =
      secondary === undefined ? undefined : found.get(keyOf(event.projectId, secondary));
    issues.set(
      key,
      secondary === undefined || previous === undefined
        ? await createIssue(client, event)
        : {
            issueId: (await addHash(client, event, previous, secondary)) ?? previous,
            isNew: false,
          },
    );
  }
  return issues;
}

interface InsertedEvent {
  event: DigestedEvent;
  issue: IssueRef;
  rowId: number;
}

/**
 * Inserts the events (unstoredEvents already dropped the stored ones). No other batch can be
 * inserting the same event now: see rule 3 in queue.ts.
 */
async function insertEvents(
  client: pg.PoolClient,
  events: readonly DigestedEvent[],
  issues: ReadonlyMap<string, IssueRef>,
): Promise<InsertedEvent[]> {
  const inserted = new Map<string, number>();
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
    const chunk = events.slice(start, start + ROWS_PER_INSERT);
    const params = chunk.flatMap((e) => [
      e.projectId,
      e.eventId,
      issues.get(keyOf(e.projectId, e.groupingHash))!.issueId,
      e.timestamp,
      e.receivedAt,
      textParam(e.level),
      textParam(e.release),
      textParam(e.environment),
      textParam(e.userKey),
      e.groupingHash,
      e.payload,
    ]);
    const rows = await queryRows(
      client,
      `INSERT INTO events (project_id, event_id, issue_id, timestamp, received_at, level, release,
         environment, user_key, grouping_hash, payload)
       VALUES ${valuesList(chunk.length, 11)}
       RETURNING id, project_id, event_id`,
      params,
    );
    for (const row of rows) {
      const key = keyOf(readNumber(row, 'project_id'), readString(row, 'event_id'));
      inserted.set(key, readNumber(row, 'id'));
    }
  }
  return events.flatMap((event) => {
    const rowId = inserted.get(keyOf(event.projectId, event.eventId));
    if (rowId === undefined) return [];
    return [{ event, issue: issues.get(keyOf(event.projectId, event.groupingHash))!, rowId }];
  });
}

async function insertAttachments(
  client: pg.PoolClient,
  attachments: readonly EventAttachment[],
): Promise<void> {
  for (const a of attachments) {
    await client.query(
      `INSERT INTO attachments (project_id, event_id, received_at, filename, content_type,
         attachment_type, size, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        a.projectId,
        a.eventId,
        a.receivedAt,
        textParam(a.filename),
        textParam(a.contentType),
        textParam(a.attachmentType),
        a.data.byteLength,
        a.data,
      ],
    );
  }
}

/** The row ids of the events a batch stored, and which of them created their issue. */
export interface PersistedRows {
  eventRowIds: number[];
  newIssueEventRowIds: number[];
}

export async function persistBatch(
  client: pg.PoolClient,
  batch: DigestedBatch,
): Promise<PersistedRows> {
  const events = await unstoredEvents(client, batch.events);
  const issues = await findOrCreateIssues(client, events);
  const deltas = new Map<number, IssueDelta>();
  const persisted: PersistedRows = { eventRowIds: [], newIssueEventRowIds: [] };
  const stored: DigestedEvent[] = [];
  for (const { event, issue, rowId } of await insertEvents(client, events, issues)) {
    persisted.eventRowIds.push(rowId);
    stored.push(event);
    let delta = deltas.get(issue.issueId);
    if (delta === undefined) {
      delta = newIssueDelta(issue.issueId, issue.isNew, event);
      deltas.set(issue.issueId, delta);
      if (issue.isNew) persisted.newIssueEventRowIds.push(rowId);
    }
    addEventToDelta(delta, event);
  }
  // Releases before issues, each in one order, as every batch does: no two batches deadlock.
  for (const release of releaseDeltas(stored, deltas.values())) {
    const params = releaseUpsertParams(release);
    await client.query(
      numberMarkers(RELEASE_UPSERT),
      params.map((value) => (typeof value === 'string' ? textParam(value) : value)),
    );
  }
  const ordered = [...deltas.values()].sort((a, b) => a.issueId - b.issueId);
  for (const delta of ordered) await applyDelta(client, delta);
  await insertAttachments(client, batch.attachments);
  return persisted;
}
