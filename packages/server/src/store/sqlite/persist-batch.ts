/**
 * Writes one digested batch inside the caller's transaction: for each event, find or create its
 * issue by grouping hash and insert the event (a re-sent event_id is skipped, so re-digesting a
 * batch after a crash changes nothing); then one update per touched issue with the batch's sums
 * (counts, first/last seen, releases, users, hourly counts, tags), reopening resolved issues as
 * regressions and ignored ones whose ignore ran out (issue-wake.ts). The releases the events name
 * are created or added to first (release-delta.ts): whether a release-resolved issue regresses
 * reads them.
 */
import type Database from 'better-sqlite3';
import { addEventToDelta, newIssueDelta } from '../issue-delta.js';
import type { IssueDelta } from '../issue-delta.js';
import {
  TRIAGE_COLUMNS,
  createdAtByVersion,
  releasesCreatedAtSql,
  releasesToCompare,
  triageOf,
  wakeIssue,
} from '../issue-wake.js';
import { RELEASE_UPSERT, releaseDeltas, releaseUpsertParams } from '../release-delta.js';
import type { SqlRow } from '../sql.js';
import type { DigestedBatch, DigestedEvent } from '../types.js';

function prepareStatements(db: Database.Database) {
  return {
    eventExists: db.prepare('SELECT 1 FROM events WHERE project_id = ? AND event_id = ?').pluck(),
    findIssueByHash: db
      .prepare('SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?')
      .pluck(),
    insertIssue: db.prepare(
      `INSERT INTO issues (project_id, title, culprit, type, value, level, platform,
         first_seen, last_seen, first_release, last_release)
       VALUES (@projectId, @title, @culprit, @type, @value, @level, @platform,
         @timestamp, @timestamp, @release, @release)`,
    ),
    insertHash: db.prepare(
      `INSERT INTO issue_hashes (project_id, hash, issue_id, grouping_version, components,
         joined_via_hash)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (project_id, event_id, issue_id, timestamp, received_at, level, release,
         environment, user_key, grouping_hash, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    issueTriage: db.prepare(`SELECT ${TRIAGE_COLUMNS} FROM issues WHERE id = ?`),
    updateIssue: db.prepare(
      // SET expressions see the row as it was, so releases and level follow the older or newer
      // of the stored and the batch's events, even when events arrive out of order.
      `UPDATE issues SET
         times_seen = times_seen + @count,
         first_seen = min(first_seen, @firstSeen),
         last_seen = max(last_seen, @lastSeen),
         first_release = CASE WHEN @firstSeen <= first_seen
           THEN coalesce(@firstRelease, first_release) ELSE first_release END,
         last_release = CASE WHEN @lastSeen >= last_seen
           THEN coalesce(@lastRelease, last_release) ELSE last_release END,
         level = CASE WHEN @lastSeen >= last_seen THEN @level ELSE level END
       WHERE id = @issueId`,
    ),
    reopenIssue: db.prepare(
      `UPDATE issues SET status = 'unresolved', resolved_at = NULL, resolved_release = NULL,
         resolved_release_kind = NULL, ignored_until = NULL, ignored_until_times_seen = NULL,
         regressed_at = coalesce(?, regressed_at)
       WHERE id = ?`,
    ),
    insertActivity: db.prepare(
      'INSERT INTO issue_activity (issue_id, kind, at, data) VALUES (?, ?, ?, ?)',
    ),
    insertUser: db.prepare('INSERT OR IGNORE INTO issue_users (issue_id, user_key) VALUES (?, ?)'),
    addUsers: db.prepare('UPDATE issues SET user_count = user_count + ? WHERE id = ?'),
    upsertHourly: db.prepare(
      `INSERT INTO issue_hourly (issue_id, hour, count) VALUES (?, ?, ?)
       ON CONFLICT (issue_id, hour) DO UPDATE SET count = count + excluded.count`,
    ),
    upsertTag: db.prepare(
      `INSERT INTO issue_tags (issue_id, key, value, count, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (issue_id, key, value) DO UPDATE SET
         count = count + excluded.count,
         first_seen = min(first_seen, excluded.first_seen),
         last_seen = max(last_seen, excluded.last_seen)`,
    ),
    upsertRelease: db.prepare(RELEASE_UPSERT),
    insertAttachment: db.prepare(
      `INSERT INTO attachments (project_id, event_id, received_at, filename, content_type,
         attachment_type, size, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
const statementsByDb = new WeakMap<Database.Database, Statements>();

function statementsFor(db: Database.Database): Statements {
  let statements = statementsByDb.get(db);
  if (statements === undefined) {
    statements = prepareStatements(db);
    statementsByDb.set(db, statements);
  }
  return statements;
}

function insertHash(
  s: Statements,
  event: DigestedEvent,
  issueId: number,
  joinedViaHash: string | null,
): void {
  s.insertHash.run(
    event.projectId,
    event.groupingHash,
    issueId,
    event.groupingVersion,
    JSON.stringify(event.groupingComponents),
    joinedViaHash,
  );
}

/**
 * Returns the issue for the event's hash, creating it (and its hash row) on first sight. During
 * a grouping transition (digest/grouping/transition.ts) a new hash first looks for the issue of
 * the event's secondary hash, and joins it. A new issue stores only the primary hash: events that
 * the old version merged and the new one tells apart must not be merged again through it.
 */
function findOrCreateIssue(
  s: Statements,
  event: DigestedEvent,
): { issueId: number; isNew: boolean } {
  const existing = s.findIssueByHash.get(event.projectId, event.groupingHash) as number | undefined;
  if (existing !== undefined) return { issueId: existing, isNew: false };
  const secondary = event.secondaryGroupingHash;
  if (secondary !== undefined) {
    const previous = s.findIssueByHash.get(event.projectId, secondary) as number | undefined;
    if (previous !== undefined) {
      insertHash(s, event, previous, secondary);
      return { issueId: previous, isNew: false };
    }
  }
  const result = s.insertIssue.run({
    projectId: event.projectId,
    title: event.title,
    culprit: event.culprit,
    type: event.type ?? null,
    value: event.value ?? null,
    level: event.level,
    platform: event.platform,
    timestamp: event.timestamp,
    release: event.release ?? null,
  });
  const issueId = Number(result.lastInsertRowid);
  insertHash(s, event, issueId, null);
  return { issueId, isNew: true };
}

/** The first-seen times of the releases that decide whether a release-resolved issue regresses. */
function releaseCreatedAt(db: Database.Database, projectId: number, versions: string[]) {
  if (versions.length === 0) return new Map<string, number>();
  const rows = db.prepare(releasesCreatedAtSql(versions.length)).all(projectId, ...versions);
  return createdAtByVersion(rows as SqlRow[]);
}

function applyDelta(db: Database.Database, s: Statements, delta: IssueDelta): void {
  s.updateIssue.run({
    issueId: delta.issueId,
    count: delta.count,
    firstSeen: delta.firstSeen,
    lastSeen: delta.lastSeen,
    firstRelease: delta.firstRelease ?? null,
    lastRelease: delta.lastRelease ?? null,
    level: delta.level,
  });
  if (!delta.isNew) {
    const triage = triageOf(s.issueTriage.get(delta.issueId) as SqlRow);
    const versions = releasesToCompare(triage, delta);
    const wake = wakeIssue(triage, delta, releaseCreatedAt(db, delta.projectId, versions));
    if (wake !== undefined) {
      s.reopenIssue.run(wake.regressedAt ?? null, delta.issueId);
      s.insertActivity.run(
        delta.issueId,
        wake.kind,
        delta.lastReceivedAt,
        JSON.stringify(wake.data),
      );
    }
  } else {
    s.insertActivity.run(delta.issueId, 'first_seen', delta.firstSeen, '{}');
  }
  let newUsers = 0;
  for (const userKey of delta.userKeys)
    newUsers += s.insertUser.run(delta.issueId, userKey).changes;
  if (newUsers > 0) s.addUsers.run(newUsers, delta.issueId);
  for (const [hour, count] of delta.hourly) s.upsertHourly.run(delta.issueId, hour, count);
  for (const tag of delta.tags.values()) {
    s.upsertTag.run(delta.issueId, tag.key, tag.value, tag.count, tag.firstSeen, tag.lastSeen);
  }
}

export function persistBatch(db: Database.Database, batch: DigestedBatch): void {
  const s = statementsFor(db);
  const deltas = new Map<number, IssueDelta>();
  const stored: DigestedEvent[] = [];
  for (const event of batch.events) {
    if (s.eventExists.get(event.projectId, event.eventId) !== undefined) continue;
    stored.push(event);
    const { issueId, isNew } = findOrCreateIssue(s, event);
    s.insertEvent.run(
      event.projectId,
      event.eventId,
      issueId,
      event.timestamp,
      event.receivedAt,
      event.level,
      event.release ?? null,
      event.environment,
      event.userKey ?? null,
      event.groupingHash,
      event.payload,
    );
    let delta = deltas.get(issueId);
    if (delta === undefined) {
      delta = newIssueDelta(issueId, isNew, event);
      deltas.set(issueId, delta);
    }
    addEventToDelta(delta, event);
  }
  for (const release of releaseDeltas(stored, deltas.values())) {
    s.upsertRelease.run(...releaseUpsertParams(release));
  }
  for (const delta of deltas.values()) applyDelta(db, s, delta);
  for (const a of batch.attachments) {
    s.insertAttachment.run(
      a.projectId,
      a.eventId,
      a.receivedAt,
      a.filename,
      a.contentType ?? null,
      a.attachmentType ?? null,
      a.data.byteLength,
      a.data,
    );
  }
}
