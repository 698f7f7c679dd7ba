/**
 * Whether a batch's events bring back an issue someone set aside, decided here once for every
 * dialect (sqlite/persist-batch.ts and postgres/apply-delta.ts only read the row and write the
 * outcome): a resolved issue regresses, and an ignored one wakes when its ignore runs out. It is
 * judged after the batch's counts are added, so an issue ignored until N more events wakes with
 * the batch that holds the Nth. Ignored with no limit stays ignored whatever arrives.
 */
import type { IssueDelta } from './issue-delta.js';
import { statusColumn } from './issue-row.js';
import { numberColumn, optionalNumberColumn } from './sql.js';
import type { SqlRow } from './sql.js';
import type { IssueStatus } from './types.js';

/** The issue columns `triageOf` reads, for a dialect's SELECT or RETURNING list. */
export const TRIAGE_COLUMNS =
  'status, resolved_at, ignored_until, ignored_until_times_seen, times_seen';

export interface IssueTriage {
  status: IssueStatus;
  resolvedAt: number | undefined;
  ignoredUntil: number | undefined;
  ignoredUntilTimesSeen: number | undefined;
  /** Counting the batch's events. */
  timesSeen: number;
}

export function triageOf(row: SqlRow): IssueTriage {
  return {
    status: statusColumn(row, 'status'),
    resolvedAt: optionalNumberColumn(row, 'resolved_at'),
    ignoredUntil: optionalNumberColumn(row, 'ignored_until'),
    ignoredUntilTimesSeen: optionalNumberColumn(row, 'ignored_until_times_seen'),
    timesSeen: numberColumn(row, 'times_seen'),
  };
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

export function wakeIssue(
  triage: IssueTriage,
  delta: Pick<IssueDelta, 'lastReceivedAt' | 'lastEventId'>,
): IssueWake | undefined {
  const at = delta.lastReceivedAt;
  // Only an event received after the resolution is a regression; a late one from before is not.
  if (triage.status === 'resolved' && at > (triage.resolvedAt ?? 0)) {
    return { kind: 'regression', data: { event_id: delta.lastEventId }, regressedAt: at };
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
