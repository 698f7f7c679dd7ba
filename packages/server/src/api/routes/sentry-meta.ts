/**
 * Sentry's API as sentry-cli first calls it: `GET /api/0/` (`sentry-cli info`, login), the
 * organization (organization.ts) and its projects by slug. Errors in Sentry's shape.
 */
import { authenticate } from '../authenticate.js';
import type { Scope } from '../../accounts/tokens.js';
import { checkOrganization, visibleProjects } from '../organization.js';
import { json, route } from '../route.js';
import { sentryOrganizationJson, sentryProjectJson } from '../sentry-shapes.js';
import type { ApiServices } from '../services.js';
import { orgParams } from '../sentry-inputs.js';

const READ = { scope: 'read' } as const;

/** Sentry's scopes for what a Faultline scope allows on these routes. */
const SENTRY_SCOPES: Readonly<Record<Scope, readonly string[]>> = {
  read: ['org:read', 'project:read'],
  write: ['org:read', 'project:read', 'project:write', 'project:releases', 'org:ci'],
  admin: [
    'org:read',
    'org:write',
    'org:admin',
    'project:read',
    'project:write',
    'project:admin',
    'project:releases',
    'org:ci',
  ],
};

/** The organization is as old as its first project. */
async function organizationCreatedAt(services: ApiServices): Promise<number> {
  const [first] = await services.store.listProjects();
  return first?.createdAt ?? 0;
}

export const sentryMetaRoutes = [
  route({
    method: 'GET',
    path: '/api/0/',
    summary: "Sentry's API root: who the token belongs to and its scopes (sentry-cli info)",
    tag: 'sentry',
    // Anyone may ask; without credentials the answer says nobody (as sentry.io's does).
    access: { public: true },
    errorShape: 'sentry',
    async handle({ services, request }) {
      const principal = await authenticate(services.store.sql, request);
      return json({
        version: '0',
        auth: principal === undefined ? null : { scopes: SENTRY_SCOPES[principal.scope] },
        user:
          principal === undefined
            ? null
            : {
                id: String(principal.user.id),
                email: principal.user.email,
                name: principal.user.name,
                username: principal.user.email,
              },
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/organizations/',
    summary: 'The one organization (serve --org, default faultline), as Sentry lists them',
    tag: 'sentry',
    access: READ,
    errorShape: 'sentry',
    async handle({ services }) {
      const createdAt = await organizationCreatedAt(services);
      return json([sentryOrganizationJson(services.organization, createdAt)]);
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/organizations/:org/',
    summary: 'The organization, with the projects you see',
    tag: 'sentry',
    access: READ,
    params: orgParams,
    errorShape: 'sentry',
    async handle({ params, principal, services }) {
      const organization = checkOrganization(services, params.org);
      const projects = await visibleProjects(services, principal);
      return json({
        ...sentryOrganizationJson(organization, await organizationCreatedAt(services)),
        projects: projects.map((project) => sentryProjectJson(project, organization)),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/organizations/:org/projects/',
    summary: "The organization's projects you see, by slug (sentry-cli projects list)",
    tag: 'sentry',
    access: READ,
    params: orgParams,
    errorShape: 'sentry',
    async handle({ params, principal, services }) {
      const organization = checkOrganization(services, params.org);
      const projects = await visibleProjects(services, principal);
      return json(projects.map((project) => sentryProjectJson(project, organization)));
    },
  }),
];
