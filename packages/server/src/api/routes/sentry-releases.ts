/**
 * Releases and deploys through Sentry's API, as sentry-cli and the bundler plugins call them:
 * the organization routes (sentry-cli 3.x creates, finalizes and deploys there) and the
 * project-scoped ones (2.x creates, updates and lists there; both list there). A release of the
 * organization is one version across its projects (sentry-shapes.ts). Errors in Sentry's shape.
 */
import { z } from 'zod';
import {
  addDeploy,
  deploysByEnvironment,
  listDeploys,
  listReleases,
  releasesOfVersion,
  saveRelease,
} from '../../store/releases.js';
import type { ReleaseChanges } from '../../store/releases.js';
import type { Project } from '../../store/types.js';
import { ApiError } from '../errors.js';
import { checkOrganization, findProject, visibleProjects } from '../organization.js';
import { json, route } from '../route.js';
import type { Principal, Reply } from '../route.js';
import { limit } from '../schemas.js';
import {
  environmentName,
  isoDate,
  optionalUrl,
  orgParams,
  orgProjectParams,
  orgReleaseParams,
  projectRef,
  projectReleaseParams,
  releaseFields,
  releaseVersion,
} from '../sentry-inputs.js';
import { groupByVersion, sentryDeployJson, sentryReleaseJson } from '../sentry-shapes.js';
import type { ApiServices } from '../services.js';

const READ = { scope: 'read' } as const;
const WRITE = { scope: 'write' } as const;
const SENTRY = { tag: 'sentry', errorShape: 'sentry' } as const;

type ReleaseFields = z.output<z.ZodObject<typeof releaseFields>>;

const now = () => Date.now() / 1000;

function changesOf(body: ReleaseFields): ReleaseChanges {
  return {
    ...(body.url == null ? {} : { url: body.url }),
    ...(body.dateStarted == null ? {} : { dateStarted: body.dateStarted }),
    ...(body.dateReleased == null ? {} : { dateReleased: body.dateReleased }),
  };
}

/** The projects a body names (slugs or ids), each one the principal sees, else a 400. */
async function namedProjects(
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
async function releaseReply(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
  status = 200,
): Promise<Reply> {
  const { sql } = services.store;
  const rows = await releasesOfVersion(
    sql,
    projects.map((project) => project.id),
    version,
  );
  if (rows.length === 0) throw new ApiError('not_found', `no release ${version}`);
  const deploys = await deploysByEnvironment(
    sql,
    rows.map((row) => row.id),
  );
  const byId = new Map(projects.map((project) => [project.id, project]));
  return json(sentryReleaseJson(rows, byId, deploys), status);
}

/** The newest releases of `projects`, one entry a version. */
async function releaseListReply(
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
async function createRelease(
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
async function updateRelease(
  services: ApiServices,
  projects: readonly Project[],
  version: string,
  body: ReleaseFields,
): Promise<Reply> {
  const { sql } = services.store;
  const rows = await releasesOfVersion(
    sql,
    projects.map((project) => project.id),
    version,
  );
  if (rows.length === 0) throw new ApiError('not_found', `no release ${version}`);
  const at = now();
  for (const row of rows) await saveRelease(sql, row.projectId, version, changesOf(body), at);
  return releaseReply(services, projects, version);
}

const listQuery = z.object({
  query: z.string().max(200).optional(),
  per_page: limit(100, 100),
  project: z.coerce.number().int().positive().optional(),
});

const newRelease = z.object({
  version: releaseVersion,
  projects: z.array(projectRef).min(1).max(100),
  ...releaseFields,
});

const releaseUpdate = z.object({
  ...releaseFields,
  projects: z.array(projectRef).max(100).optional(),
});

const newDeploy = z.object({
  environment: environmentName,
  name: z.string().max(200).nullish(),
  url: optionalUrl,
  dateStarted: isoDate.nullish(),
  dateFinished: isoDate.nullish(),
  projects: z.array(projectRef).max(100).optional(),
});

/** The projects an organization-route body may narrow to (all the principal sees by default). */
async function projectsFor(
  services: ApiServices,
  principal: Principal,
  refs: ReadonlyArray<string | number> | undefined,
): Promise<Project[]> {
  return refs === undefined || refs.length === 0
    ? visibleProjects(services, principal)
    : namedProjects(services, principal, refs);
}

export const sentryReleaseRoutes = [
  route({
    method: 'GET',
    path: '/api/0/organizations/:org/releases/',
    summary: "The organization's newest releases (optionally of one project, by id)",
    ...SENTRY,
    access: READ,
    params: orgParams,
    query: listQuery,
    async handle({ params, query, principal, services }) {
      checkOrganization(services, params.org);
      const visible = await visibleProjects(services, principal);
      const projects =
        query.project === undefined ? visible : visible.filter((p) => p.id === query.project);
      return releaseListReply(services, projects, query);
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/organizations/:org/releases/',
    summary: 'Create a release in projects (sentry-cli releases new), or add to one that exists',
    ...SENTRY,
    access: WRITE,
    params: orgParams,
    body: newRelease,
    async handle({ params, body, principal, services }) {
      checkOrganization(services, params.org);
      const projects = await namedProjects(services, principal, body.projects);
      return createRelease(services, projects, body.version, body);
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/organizations/:org/releases/:version/',
    summary: 'One release across the projects that have it',
    ...SENTRY,
    access: READ,
    params: orgReleaseParams,
    async handle({ params, principal, services }) {
      checkOrganization(services, params.org);
      return releaseReply(services, await visibleProjects(services, principal), params.version);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/organizations/:org/releases/:version/',
    summary: 'Change a release: finalize it (dateReleased), its URL, when it started',
    ...SENTRY,
    access: WRITE,
    params: orgReleaseParams,
    body: releaseUpdate,
    async handle({ params, body, principal, services }) {
      checkOrganization(services, params.org);
      const projects = await projectsFor(services, principal, body.projects);
      return updateRelease(services, projects, params.version, body);
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/organizations/:org/releases/:version/deploys/',
    summary: "A release's deploys, newest first",
    ...SENTRY,
    access: READ,
    params: orgReleaseParams,
    async handle({ params, principal, services }) {
      checkOrganization(services, params.org);
      const { sql } = services.store;
      const projects = await visibleProjects(services, principal);
      const rows = await releasesOfVersion(
        sql,
        projects.map((p) => p.id),
        params.version,
      );
      if (rows.length === 0) throw new ApiError('not_found', `no release ${params.version}`);
      const deploys = await listDeploysOf(
        services,
        rows.map((row) => row.id),
      );
      return json(deploys.map(sentryDeployJson));
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/organizations/:org/releases/:version/deploys/',
    summary: 'Record a deploy of a release to an environment (sentry-cli releases deploys new)',
    ...SENTRY,
    access: WRITE,
    params: orgReleaseParams,
    body: newDeploy,
    async handle({ params, body, principal, services }) {
      checkOrganization(services, params.org);
      const { sql } = services.store;
      const projects = await projectsFor(services, principal, body.projects);
      const rows = await releasesOfVersion(
        sql,
        projects.map((p) => p.id),
        params.version,
      );
      if (rows.length === 0) throw new ApiError('not_found', `no release ${params.version}`);
      const finished = body.dateFinished ?? now();
      const deploys = [];
      for (const row of rows) {
        deploys.push(
          await addDeploy(sql, row.id, {
            environment: body.environment,
            name: body.name ?? undefined,
            url: body.url ?? undefined,
            dateStarted: body.dateStarted ?? undefined,
            dateFinished: finished,
          }),
        );
      }
      return json(sentryDeployJson(deploys[0]!), 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:org/:project/releases/',
    summary: "A project's newest releases (sentry-cli releases list)",
    ...SENTRY,
    access: READ,
    params: orgProjectParams,
    query: listQuery,
    async handle({ params, query, project, services }) {
      checkOrganization(services, params.org);
      return releaseListReply(services, [project], query);
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:org/:project/releases/',
    summary: 'Create a release in a project (sentry-cli 2.x releases new)',
    ...SENTRY,
    access: WRITE,
    params: orgProjectParams,
    body: newRelease.extend({ projects: z.array(projectRef).max(100).optional() }),
    async handle({ params, body, project, services }) {
      checkOrganization(services, params.org);
      return createRelease(services, [project], body.version, body);
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:org/:project/releases/:version/',
    summary: "One of a project's releases",
    ...SENTRY,
    access: READ,
    params: projectReleaseParams,
    async handle({ params, project, services }) {
      checkOrganization(services, params.org);
      return releaseReply(services, [project], params.version);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/projects/:org/:project/releases/:version/',
    summary: "Change one of a project's releases (sentry-cli 2.x releases finalize)",
    ...SENTRY,
    access: WRITE,
    params: projectReleaseParams,
    body: releaseUpdate,
    async handle({ params, body, project, services }) {
      checkOrganization(services, params.org);
      return updateRelease(services, [project], params.version, body);
    },
  }),
];

/** The newest deploys of several releases (one version across projects), at most 1000. */
async function listDeploysOf(services: ApiServices, releaseIds: readonly number[]) {
  const all = [];
  for (const id of releaseIds) all.push(...(await listDeploys(services.store.sql, id, 1000)));
  return all.sort((a, b) => b.dateFinished - a.dateFinished).slice(0, 1000);
}
