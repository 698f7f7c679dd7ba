/**
 * Whether a batch's events bring back an issue someone set aside, decided here once for every
 * dialect (sqlite/persist-batch.ts and postgres/apply-delta.ts only read the row and write the
 * outcome): a resolved issue regresses, and an ignored one wakes when its ignore runs out. It is
 * judged after the batch's counts are added, so an issue ignored until N more events wakes with
 * the batch that holds the Nth. Ignored with no limit stays ignored whatever arrives.
 *
 * An issue resolved with a release regresses only on an event from a later release (as on
 * sentry.io): "in release X" on X or later, "in the next release" (X being the latest release
 * when it was resolved) on a release after X. An older release's event leaves it resolved; an
 * event that names no release regresses it, as a plain resolve would.
 */
import type { IssueDelta } from './issue-delta.js';
import { releaseResolutionOf, statusColumn } from './issue-row.js';
import { compareReleases } from './release-order.js';
import { numberColumn, optionalNumberColumn } from './sql.js';
import type { SqlRow } from './sql.js';
import type { IssueStatus, ReleaseResolution } from './types.js';

/** The issue columns `triageOf` reads, for a dialect's SELECT or RETURNING list. */
export const TRIAGE_COLUMNS =
  'status, resolved_at, ignored_until, ignored_until_times_seen, times_seen, resolved_release, resolved_release_kind';

export interface IssueTriage {
  status: IssueStatus;
  resolvedAt: number | undefined;
  resolvedIn: ReleaseResolution | undefined;
  ignoredUntil: number | undefined;
  ignoredUntilTimesSeen: number | undefined;
  /** Counting the batch's events. */
  timesSeen: number;
}

export function triageOf(row: SqlRow): IssueTriage {
  return {
    status: statusColumn(row, 'status'),
    resolvedAt: optionalNumberColumn(row, 'resolved_at'),
    resolvedIn: releaseResolutionOf(row),
    ignoredUntil: optionalNumberColumn(row, 'ignored_until'),
    ignoredUntilTimesSeen: optionalNumberColumn(row, 'ignored_until_times_seen'),
    timesSeen: numberColumn(row, 'times_seen'),
  };
}

/**
 * The releases whose first-seen times `wakeIssue` needs (the resolution's and the events'), or
 * none when no release decides: the dialect looks them up (RELEASES_CREATED_AT) only then.
 */
export function releasesToCompare(triage: IssueTriage, delta: IssueDelta): string[] {
  if (triage.status !== 'resolved' || triage.resolvedIn === undefined) return [];
  const versions = new Set([triage.resolvedIn.version]);
  for (const release of delta.releases) if (release !== undefined) versions.add(release);
  return [...versions];
}

/** The first-seen times of `count` versions of one project: `?` markers, project id first. */
export function releasesCreatedAtSql(count: number): string {
  const markers = Array.from({ length: count }, () => '?').join(', ');
  return `SELECT version, created_at FROM releases WHERE project_id = ? AND version IN (${markers})`;
}

/** Rows of releasesCreatedAtSql as a lookup. */
export function createdAtByVersion(rows: readonly SqlRow[]): Map<string, number> {
  const createdAt = new Map<string, number>();
  for (const row of rows) {
    const version = row['version'];
    if (typeof version === 'string') createdAt.set(version, numberColumn(row, 'created_at'));
  }
  return createdAt;
}

/**
 * The issue becomes unresolved again, with its ignore limits cleared; the activity it records is
 * `kind` with `data`.
 */
export interface IssueWake {
  kind: 'regression' | 'unignored';
  data: Readonly<Record<string, string>>;
  /** A regression sets issues.regressed_at; waking from an ignore is no regression. */
  regressedAt: number | undefined;
}

export type WakeReason = 'duration' | 'count';

function ignoreRunOut(triage: IssueTriage, receivedAt: number): WakeReason | undefined {
  if (triage.ignoredUntil !== undefined && receivedAt > triage.ignoredUntil) return 'duration';
  const wakeAt = triage.ignoredUntilTimesSeen;
  if (wakeAt !== undefined && triage.timesSeen >= wakeAt) return 'count';
  return undefined;
}

/** The first of the events' releases that undoes a release resolution, or none. */
function regressingRelease(
  resolution: ReleaseResolution,
  releases: ReadonlySet<string | undefined>,
  createdAt: ReadonlyMap<string, number>,
): { release: string | undefined } | undefined {
  const resolvedIn = { version: resolution.version, createdAt: createdAt.get(resolution.version) };
  for (const release of releases) {
    if (release === undefined) return { release };
    const order = compareReleases(
      { version: release, createdAt: createdAt.get(release) },
      resolvedIn,
    );
    if (order > 0 || (order === 0 && resolution.kind === 'in_release')) return { release };
  }
  return undefined;
}

export function wakeIssue(
  triage: IssueTriage,
  delta: Pick<IssueDelta, 'lastReceivedAt' | 'lastEventId' | 'releases'>,
  releaseCreatedAt: ReadonlyMap<string, number> = new Map(),
): IssueWake | undefined {
  const at = delta.lastReceivedAt;
  // Only an event received after the resolution is a regression; a late one from before is not.
  if (triage.status === 'resolved' && at > (triage.resolvedAt ?? 0)) {
    if (triage.resolvedIn === undefined) {
      return { kind: 'regression', data: { event_id: delta.lastEventId }, regressedAt: at };
    }
    const found = regressingRelease(triage.resolvedIn, delta.releases, releaseCreatedAt);
    if (found === undefined) return undefined;
    return {
      kind: 'regression',
      data: {
        event_id: delta.lastEventId,
        ...(found.release === undefined ? {} : { release: found.release }),
      },
      regressedAt: at,
    };
  }
  if (triage.status !== 'ignored') return undefined;
  const reason = ignoreRunOut(triage, at);
  if (reason === undefined) return undefined;
  return {
    kind: 'unignored',
    data: { reason, event_id: delta.lastEventId },
    regressedAt: undefined,
  };
}
