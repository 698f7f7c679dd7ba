/**
 * Releases and their deploys as the API reads and writes them: the same SQL in every dialect
 * (sql.ts). Digest creates releases too, from events (release-delta.ts); the API (sentry-cli's
 * `releases new`, `finalize`, `deploys new`) creates them ahead of any event and adds what an
 * event cannot tell: the URL, when it started and was finalized, and where it was deployed.
 */
import { refuseOverCap } from '../count-limit.js';
import type { CountCap } from '../count-limit.js';
import type { Sql, SqlRow } from './sql.js';
import { numberColumn, optionalNumberColumn, optionalStringColumn, stringColumn } from './sql.js';

export interface ReleaseRecord {
  id: number;
  projectId: number;
  version: string;
  createdAt: number;
  firstEvent: number | undefined;
  lastEvent: number | undefined;
  eventCount: number;
  newIssues: number;
  url: string | undefined;
  dateStarted: number | undefined;
  /** When it was finalized. */
  dateReleased: number | undefined;
}

export interface DeployRecord {
  id: number;
  releaseId: number;
  environment: string;
  name: string | undefined;
  url: string | undefined;
  dateStarted: number | undefined;
  dateFinished: number;
}

/** What the API may set on a release; an absent field stays as it is. */
export interface ReleaseChanges {
  url?: string;
  dateStarted?: number;
  dateReleased?: number;
}

const RELEASE_COLUMNS = `id, project_id, version, created_at, first_event, last_event,
  event_count, new_issues, url, date_started, date_released`;

function rowToRelease(row: SqlRow): ReleaseRecord {
  return {
    id: numberColumn(row, 'id'),
    projectId: numberColumn(row, 'project_id'),
    version: stringColumn(row, 'version'),
    createdAt: numberColumn(row, 'created_at'),
    firstEvent: optionalNumberColumn(row, 'first_event'),
    lastEvent: optionalNumberColumn(row, 'last_event'),
    eventCount: numberColumn(row, 'event_count'),
    newIssues: numberColumn(row, 'new_issues'),
    url: optionalStringColumn(row, 'url'),
    dateStarted: optionalNumberColumn(row, 'date_started'),
    dateReleased: optionalNumberColumn(row, 'date_released'),
  };
}

function rowToDeploy(row: SqlRow): DeployRecord {
  return {
    id: numberColumn(row, 'id'),
    releaseId: numberColumn(row, 'release_id'),
    environment: stringColumn(row, 'environment'),
    name: optionalStringColumn(row, 'name'),
    url: optionalStringColumn(row, 'url'),
    dateStarted: optionalNumberColumn(row, 'date_started'),
    dateFinished: numberColumn(row, 'date_finished'),
  };
}

export async function getRelease(
  sql: Sql,
  projectId: number,
  version: string,
): Promise<ReleaseRecord | undefined> {
  const row = await sql.get(
    `SELECT ${RELEASE_COLUMNS} FROM releases WHERE project_id = ? AND version = ?`,
    [projectId, version],
  );
  return row && rowToRelease(row);
}

/** The projects' releases, newest first (by when first seen), at most `limit`. */
export async function listReleases(
  sql: Sql,
  projectIds: readonly number[],
  limit: number,
): Promise<ReleaseRecord[]> {
  if (projectIds.length === 0) return [];
  const markers = projectIds.map(() => '?').join(', ');
  const rows = await sql.all(
    `SELECT ${RELEASE_COLUMNS} FROM releases WHERE project_id IN (${markers})
     ORDER BY created_at DESC, id DESC LIMIT ?`,
    [...projectIds, limit],
  );
  return rows.map(rowToRelease);
}

/** The release seen last in the project: what "resolve in the next release" resolves after. */
export async function latestRelease(
  sql: Sql,
  projectId: number,
): Promise<ReleaseRecord | undefined> {
  return (await listReleases(sql, [projectId], 1))[0];
}

/**
 * Creates the release in the project, or changes the one there (sentry-cli's `releases new` of
 * a version that exists is no error: sentry.io answers it with the release as it stands).
 */
export async function saveRelease(
  sql: Sql,
  projectId: number,
  version: string,
  changes: ReleaseChanges,
  at: number,
): Promise<ReleaseRecord> {
  await sql.run(
    `INSERT INTO releases (project_id, version, created_at, url, date_started, date_released)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, version) DO UPDATE SET
       url = coalesce(excluded.url, releases.url),
       date_started = coalesce(excluded.date_started, releases.date_started),
       date_released = coalesce(excluded.date_released, releases.date_released)`,
    [
      projectId,
      version,
      at,
      changes.url ?? null,
      changes.dateStarted ?? null,
      changes.dateReleased ?? null,
    ],
  );
  return (await getRelease(sql, projectId, version))!;
}

/** A deploy a day for decades: what keeps one release's deploy list and sums bounded. */
export const DEPLOYS_PER_RELEASE: CountCap = {
  what: 'deploys',
  owner: 'a release',
  limit: 10_000,
  table: 'release_deploys',
  ownerColumn: 'release_id',
};

/** Throws CountLimitError when the release has its DEPLOYS_PER_RELEASE already. */
export async function addDeploy(
  sql: Sql,
  releaseId: number,
  deploy: Omit<DeployRecord, 'id' | 'releaseId'>,
): Promise<DeployRecord> {
  await refuseOverCap(sql, DEPLOYS_PER_RELEASE, releaseId);
  const row = await sql.get(
    `INSERT INTO release_deploys (release_id, environment, name, url, date_started, date_finished)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    [
      releaseId,
      deploy.environment,
      deploy.name ?? null,
      deploy.url ?? null,
      deploy.dateStarted ?? null,
      deploy.dateFinished,
    ],
  );
  return rowToDeploy(row!);
}

/** One release's deploys, newest first, at most `limit`. */
export async function listDeploys(
  sql: Sql,
  releaseId: number,
  limit: number,
): Promise<DeployRecord[]> {
  const rows = await sql.all(
    `SELECT * FROM release_deploys WHERE release_id = ?
     ORDER BY date_finished DESC, id DESC LIMIT ?`,
    [releaseId, limit],
  );
  return rows.map(rowToDeploy);
}

export interface EnvironmentDeploys {
  releaseId: number;
  environment: string;
  count: number;
  lastDeployedAt: number;
}

/** Per release and environment: how many deploys, and when the last one finished. */
export async function deploysByEnvironment(
  sql: Sql,
  releaseIds: readonly number[],
): Promise<EnvironmentDeploys[]> {
  if (releaseIds.length === 0) return [];
  const markers = releaseIds.map(() => '?').join(', ');
  const rows = await sql.all(
    `SELECT release_id, environment, count(*) AS count, max(date_finished) AS last_deployed_at
     FROM release_deploys WHERE release_id IN (${markers})
     GROUP BY release_id, environment ORDER BY release_id, environment`,
    releaseIds,
  );
  return rows.map((row) => ({
    releaseId: numberColumn(row, 'release_id'),
    environment: stringColumn(row, 'environment'),
    count: numberColumn(row, 'count'),
    lastDeployedAt: numberColumn(row, 'last_deployed_at'),
  }));
}

/** One version's releases in the given projects (Sentry's organization-wide release). */
export async function releasesOfVersion(
  sql: Sql,
  projectIds: readonly number[],
  version: string,
): Promise<ReleaseRecord[]> {
  if (projectIds.length === 0) return [];
  const markers = projectIds.map(() => '?').join(', ');
  const rows = await sql.all(
    `SELECT ${RELEASE_COLUMNS} FROM releases WHERE version = ? AND project_id IN (${markers})
     ORDER BY project_id`,
    [version, ...projectIds],
  );
  return rows.map(rowToRelease);
}

/**
 * Deletes releases by id with their deploys (the reference cascades). Issues keep naming the
 * version as their first or last release; an issue resolved in it regresses as issue-wake.ts
 * says for a release no longer stored.
 */
export async function deleteReleases(sql: Sql, releaseIds: readonly number[]): Promise<void> {
  if (releaseIds.length === 0) return;
  const markers = releaseIds.map(() => '?').join(', ');
  await sql.run(`DELETE FROM releases WHERE id IN (${markers})`, releaseIds);
}
