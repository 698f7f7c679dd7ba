/**
 * Releases and deploys through Sentry's API, as sentry-cli and the bundler plugins call them:
 * the organization routes (sentry-cli 3.x creates, finalizes, deletes and deploys there) and
 * the project-scoped ones (2.x creates, updates, deletes and lists there; both list there). What
 * each does is in ../sentry-release-actions.ts. Errors in Sentry's shape.
 */
import { z } from 'zod';
import { checkOrganization, visibleProjects } from '../organization.js';
import { route } from '../route.js';
import { limit } from '../schemas.js';
import {
  createRelease,
  deleteRelease,
  deployListReply,
  namedProjects,
  projectsFor,
  recordDeploy,
  releaseListReply,
  releaseReply,
  updateRelease,
} from '../sentry-release-actions.js';
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

const READ = { scope: 'read' } as const;
const WRITE = { scope: 'write' } as const;
const SENTRY = { tag: 'sentry', errorShape: 'sentry' } as const;

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

const organizationRoutes = [
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
    method: 'DELETE',
    path: '/api/0/organizations/:org/releases/:version/',
    summary: 'Delete a release that no event names (sentry-cli releases delete)',
    ...SENTRY,
    access: WRITE,
    params: orgReleaseParams,
    async handle({ params, principal, services }) {
      checkOrganization(services, params.org);
      return deleteRelease(services, await visibleProjects(services, principal), params.version);
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
      const projects = await visibleProjects(services, principal);
      return deployListReply(services, projects, params.version);
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
      const projects = await projectsFor(services, principal, body.projects);
      return recordDeploy(services, projects, params.version, body);
    },
  }),
];

/** The project-scoped routes: the gate has found the `:project` slug visible (handle-request.ts). */
const projectRoutes = [
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
  route({
    method: 'DELETE',
    path: '/api/0/projects/:org/:project/releases/:version/',
    summary: "Delete one of a project's releases that no event names (sentry-cli 2.x)",
    ...SENTRY,
    access: WRITE,
    params: projectReleaseParams,
    async handle({ params, project, services }) {
      checkOrganization(services, params.org);
      return deleteRelease(services, [project], params.version);
    },
  }),
];

export const sentryReleaseRoutes = [...organizationRoutes, ...projectRoutes];
