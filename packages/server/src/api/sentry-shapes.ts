/**
 * Sentry's JSON shapes for what sentry-cli reads: organizations, projects, releases and deploys
 * (sentry-cli `src/api/mod.rs`: `Organization`, `Project`, `ReleaseInfo`; `data_types/deploy.rs`).
 * Ids are strings and times ISO 8601, as sentry.io writes them. A sentry.io release belongs to
 * an organization and lists its projects; Faultline keeps one release per project and version,
 * so an organization's release is the rows of one version across its projects, summed.
 */
import type { DeployRecord, EnvironmentDeploys, ReleaseRecord } from '../store/releases.js';
import type { Project } from '../store/types.js';
import type { Organization } from './organization.js';
import { isoTime } from './serialize.js';

const optionalIso = (seconds: number | undefined) =>
  seconds === undefined ? null : isoTime(seconds);

export function sentryOrganizationJson(organization: Organization, dateCreated: number) {
  return {
    id: '1',
    slug: organization.slug,
    name: organization.name,
    dateCreated: isoTime(dateCreated),
    status: { id: 'active', name: 'active' },
    isEarlyAdopter: false,
    require2FA: false,
    requireEmailVerification: false,
    features: [],
    links: { organizationUrl: '', regionUrl: '' },
  };
}

export function sentryProjectJson(project: Project, organization: Organization) {
  return {
    id: String(project.id),
    slug: project.slug,
    name: project.name,
    platform: null,
    dateCreated: isoTime(project.createdAt),
    isMember: true,
    hasAccess: true,
    team: null,
    teams: [],
    organization: { id: '1', slug: organization.slug, name: organization.name },
  };
}

export function sentryDeployJson(deploy: DeployRecord) {
  return {
    id: String(deploy.id),
    environment: deploy.environment,
    name: deploy.name ?? null,
    url: deploy.url ?? null,
    dateStarted: optionalIso(deploy.dateStarted),
    dateFinished: isoTime(deploy.dateFinished),
  };
}

const earliest = (values: Array<number | undefined>) => {
  const known = values.filter((value) => value !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
};
const latest = (values: Array<number | undefined>) => {
  const known = values.filter((value) => value !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
};

/**
 * One version's release across the projects that have it. `rows` are that version's rows (at
 * least one); `projects` finds each row's project; `deploys` are the rows' deploys by environment.
 */
export function sentryReleaseJson(
  rows: readonly ReleaseRecord[],
  projects: ReadonlyMap<number, Project>,
  deploys: readonly EnvironmentDeploys[],
) {
  const first = rows[0]!;
  const ids = new Set(rows.map((row) => row.id));
  const own = deploys.filter((deploy) => ids.has(deploy.releaseId));
  const last = own.reduce<EnvironmentDeploys | undefined>(
    (newest, deploy) =>
      newest === undefined || deploy.lastDeployedAt > newest.lastDeployedAt ? deploy : newest,
    undefined,
  );
  // Faultline additions, beside Sentry's fields: events, and deploys per environment.
  const environments = new Map<string, { count: number; lastDeployedAt: number }>();
  for (const deploy of own) {
    const seen = environments.get(deploy.environment);
    environments.set(deploy.environment, {
      count: (seen?.count ?? 0) + deploy.count,
      lastDeployedAt: Math.max(seen?.lastDeployedAt ?? 0, deploy.lastDeployedAt),
    });
  }
  return {
    id: String(first.id),
    version: first.version,
    shortVersion: first.version,
    ref: null,
    url: rows.find((row) => row.url !== undefined)?.url ?? null,
    dateCreated: isoTime(Math.min(...rows.map((row) => row.createdAt))),
    dateStarted: optionalIso(earliest(rows.map((row) => row.dateStarted))),
    dateReleased: optionalIso(latest(rows.map((row) => row.dateReleased))),
    firstEvent: optionalIso(earliest(rows.map((row) => row.firstEvent))),
    lastEvent: optionalIso(latest(rows.map((row) => row.lastEvent))),
    newGroups: rows.reduce((sum, row) => sum + row.newIssues, 0),
    eventCount: rows.reduce((sum, row) => sum + row.eventCount, 0),
    status: 'open',
    data: {},
    owner: null,
    authors: [],
    commitCount: 0,
    lastCommit: null,
    deployCount: own.reduce((sum, deploy) => sum + deploy.count, 0),
    lastDeploy:
      last === undefined
        ? null
        : { environment: last.environment, dateFinished: isoTime(last.lastDeployedAt) },
    deploysByEnvironment: Object.fromEntries(
      [...environments].map(([environment, { count, lastDeployedAt }]) => [
        environment,
        { count, lastDeployedAt: isoTime(lastDeployedAt) },
      ]),
    ),
    projects: rows.flatMap((row) => {
      const project = projects.get(row.projectId);
      return project === undefined
        ? []
        : [
            {
              id: String(project.id),
              slug: project.slug,
              name: project.name,
              newGroups: row.newIssues,
            },
          ];
    }),
  };
}

/** Rows of several versions as Sentry's release list, in the rows' order (newest first). */
export function groupByVersion(rows: readonly ReleaseRecord[]): ReleaseRecord[][] {
  const groups = new Map<string, ReleaseRecord[]>();
  for (const row of rows) {
    const group = groups.get(row.version);
    if (group === undefined) groups.set(row.version, [row]);
    else group.push(row);
  }
  return [...groups.values()];
}
