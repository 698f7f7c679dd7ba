/**
 * An `issues` row as the shared Sql runner (sql.ts) returns it, as an IssueRecord. The column
 * readers check each value, so the same mapper serves both dialects: counts are BIGINT on
 * PostgreSQL (read as numbers, see postgres/pool.ts) and INTEGER on SQLite.
 */
import { numberColumn, optionalNumberColumn, optionalStringColumn, stringColumn } from './sql.js';
import type { SqlRow } from './sql.js';
import type { IssueRecord, IssueStatus, ReleaseResolution } from './types.js';

export const ISSUE_STATUSES: readonly IssueStatus[] = ['unresolved', 'resolved', 'ignored'];

export function statusColumn(row: SqlRow, column: string): IssueStatus {
  const value = stringColumn(row, column);
  const status = ISSUE_STATUSES.find((candidate) => candidate === value);
  if (status === undefined) throw new TypeError(`column ${column}: unknown status ${value}`);
  return status;
}

/** The release an issue is resolved with (issues.resolved_release and its kind), if any. */
export function releaseResolutionOf(row: SqlRow): ReleaseResolution | undefined {
  const version = optionalStringColumn(row, 'resolved_release');
  const kind = optionalStringColumn(row, 'resolved_release_kind');
  if (version === undefined) return undefined;
  return { kind: kind === 'in_next_release' ? 'in_next_release' : 'in_release', version };
}

export function rowToIssue(row: SqlRow): IssueRecord {
  const ignoredUntil = optionalNumberColumn(row, 'ignored_until');
  const ignoredUntilTimesSeen = optionalNumberColumn(row, 'ignored_until_times_seen');
  const resolvedIn = releaseResolutionOf(row);
  return {
    id: numberColumn(row, 'id'),
    projectId: numberColumn(row, 'project_id'),
    title: stringColumn(row, 'title'),
    culprit: stringColumn(row, 'culprit'),
    type: optionalStringColumn(row, 'type'),
    value: optionalStringColumn(row, 'value'),
    level: stringColumn(row, 'level'),
    platform: stringColumn(row, 'platform'),
    status: statusColumn(row, 'status'),
    count: numberColumn(row, 'times_seen'),
    userCount: numberColumn(row, 'user_count'),
    firstSeen: numberColumn(row, 'first_seen'),
    lastSeen: numberColumn(row, 'last_seen'),
    firstRelease: optionalStringColumn(row, 'first_release'),
    lastRelease: optionalStringColumn(row, 'last_release'),
    regressedAt: optionalNumberColumn(row, 'regressed_at'),
    // Only an ignore with a limit has these: most issues never do.
    ...(resolvedIn === undefined ? {} : { resolvedIn }),
    ...(ignoredUntil === undefined ? {} : { ignoredUntil }),
    ...(ignoredUntilTimesSeen === undefined ? {} : { ignoredUntilTimesSeen }),
  };
}
