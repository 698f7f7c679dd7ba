/**
 * What Sentry's release routes do (routes/sentry-releases.ts), for the organization routes and
 * the project-scoped ones alike: each takes the projects the route covers. A release of the
 * organization is one version across those projects (sentry-shapes.ts).
 */
import type { z } from 'zod';
import {
  addDeploy,
  deleteReleases,
  deploysByEnvironment,
  listDeploys,
  listReleases,
  releasesOfVersion,
  saveRelease,
} from '../store/releases.js';
import type { ReleaseChanges, ReleaseRecord } from '../store/releases.js';
import type { Project } from '../store/types.js';
import { ApiError } from './errors.js';
import { findProject, visibleProjects } from './organization.js';
import { json, noContent } from './route.js';
import type { Principal, Reply } from './route.js';
import type { releaseFields } from './sentry-inputs.js';
import { groupByVersion, sentryDeployJson, sentryReleaseJson } from './sentry-shapes.js';
import type { ApiServices } from './services.js';

export type ReleaseFields = z.output<z.ZodObject<typeof releaseFields>>;

const now = () => Date.now() / 1000;

function changesOf(body: ReleaseFields): ReleaseChanges {
  return {
    ...(body.url == null ? {} : { url: body.url }),
    ...(body.dateStarted == null ? {} : { dateStarted: body.dateStarted }),
    ...(body.dateReleased == null ? {} : { dateReleased: body.dateReleased }),
  };
}

/** The projects a body names (slugs or ids), each one the principal sees, else a 400. */
export async function namedProjects(
  services: ApiServices,
  principal: Principal,
  refs: ReadonlyArray<string | number>,
): Promise<Project[]> {
  const visible = await visibleProjects(services, principal);
  return refs.map((ref) => {
    const project = findProject(visible, ref);
    if (project === undefined) {
      throw new ApiError(
        'invalid_request',
        `Invalid project ids or slugs: ${String(ref).slice(0, 100)}`,
        {
          field: 'body.projects',
        },
      );
    }
    return project;
  });
}

/** One version's release in `projects`, as Sentry shows it, or a 404. */
export async function releaseReply(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
  status = 200,
): Promise<Reply> {
  const { sql } = services.store;
  const rows = await existingRows(services, projects, version);
  const deploys = await deploysByEnvironment(
    sql,
    rows.map((row) => row.id),
  );
  const byId = new Map(projects.map((project) => [project.id, project]));
  return json(sentryReleaseJson(rows, byId, deploys), status);
}

/** The newest releases of `projects`, one entry a version. */
export async function releaseListReply(
  services: ApiServices,
  projects: readonly Project[],
  query: { query?: string | undefined; per_page: number },
): Promise<Reply> {
  const { sql } = services.store;
  // A version spans at most every project: this many rows give per_page versions or all.
  const rows = await listReleases(
    sql,
    projects.map((project) => project.id),
    query.per_page * Math.max(1, projects.length),
  );
  const wanted = query.query;
  const groups = groupByVersion(
    wanted === undefined ? rows : rows.filter((row) => row.version.includes(wanted)),
  ).slice(0, query.per_page);
  const deploys = await deploysByEnvironment(
    sql,
    groups.flat().map((row) => row.id),
  );
  const byId = new Map(projects.map((project) => [project.id, project]));
  return json(groups.map((group) => sentryReleaseJson(group, byId, deploys)));
}

/** Creates the version in each project (or adds to it); 201 when it is new, 208 when it was there. */
export async function createRelease(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
  body: ReleaseFields,
): Promise<Reply> {
  const { sql } = services.store;
  const ids = projects.map((project) => project.id);
  const existed = (await releasesOfVersion(sql, ids, version)).length === projects.length;
  const at = now();
  for (const project of projects) await saveRelease(sql, project.id, version, changesOf(body), at);
  return releaseReply(services, projects, version, existed ? 208 : 201);
}

/** Changes the version in those of `projects` that have it; a 404 when none has. */
export async function updateRelease(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
  body: ReleaseFields,
): Promise<Reply> {
  const rows = await existingRows(services, projects, version);
  const at = now();
  for (const row of rows) {
    await saveRelease(services.store.sql, row.projectId, version, changesOf(body), at);
  }
  return releaseReply(services, projects, version);
}

/** The projects an organization-route body may narrow to (all the principal sees by default). */
export async function projectsFor(
  services: ApiServices,
  principal: Principal,
  refs: ReadonlyArray<string | number> | undefined,
): Promise<Project[]> {
  return refs === undefined || refs.length === 0
    ? visibleProjects(services, principal)
    : namedProjects(services, principal, refs);
}

/** The version's rows in `projects`, or a 404. */
async function existingRows(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
): Promise<ReleaseRecord[]> {
  const ids = projects.map((project) => project.id);
  const rows = await releasesOfVersion(services.store.sql, ids, version);
  if (rows.length === 0) throw new ApiError('not_found', `no release ${version}`);
  return rows;
}

/** Deletes the version from `projects`, unless events name it there (as sentry.io refuses). */
export async function deleteRelease(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
): Promise<Reply> {
  const rows = await existingRows(services, projects, version);
  if (rows.some((row) => row.eventCount > 0 || row.newIssues > 0)) {
    throw new ApiError(
      'invalid_request',
      'This release is referenced by events and issues and cannot be removed.',
    );
  }
  await deleteReleases(
    services.store.sql,
    rows.map((row) => row.id),
  );
  return noContent();
}

export interface DeployInput {
  environment: string;
  name?: string | null | undefined;
  url?: string | null | undefined;
  dateStarted?: number | null | undefined;
  dateFinished?: number | null | undefined;
}

/** Records the deploy on the version in each of `projects` that has it. */
export async function recordDeploy(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
  deploy: DeployInput,
): Promise<Reply> {
  const rows = await existingRows(services, projects, version);
  const finished = deploy.dateFinished ?? now();
  const recorded = [];
  for (const row of rows) {
    recorded.push(
      await addDeploy(services.store.sql, row.id, {
        environment: deploy.environment,
        name: deploy.name ?? undefined,
        url: deploy.url ?? undefined,
        dateStarted: deploy.dateStarted ?? undefined,
        dateFinished: finished,
      }),
    );
  }
  return json(sentryDeployJson(recorded[0]!), 201);
}

/** The version's deploys across `projects`, newest first, at most 1000. */
export async function deployListReply(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
): Promise<Reply> {
  const rows = await existingRows(services, projects, version);
  const all = [];
  for (const row of rows) all.push(...(await listDeploys(services.store.sql, row.id, 1000)));
  all.sort((a, b) => b.dateFinished - a.dateFinished);
  return json(all.slice(0, 1000).map(sentryDeployJson));
}
