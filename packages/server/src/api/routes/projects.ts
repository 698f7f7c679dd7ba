/** Projects and their settings. Everyone sees their projects; only admins change them. */
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import { isAllowedOriginEntry } from '../../ingest/allowed-origins.js';
import { GROUPING_VERSIONS } from '../../digest/grouping/registry.js';
import { groupingSwitch } from '../../digest/grouping/transition.js';
import { deleteProject } from '../../store/project-settings.js';
import { PROJECT_SLUG } from '../../store/project-slug.js';
import { ApiError } from '../errors.js';
import { visibleProject, visibleProjectIds } from '../access.js';
import { json, noContent, route } from '../route.js';
import { label, projectParams, rateLimitInput } from '../schemas.js';
import { keyJson, projectJson } from '../serialize.js';

const ADMIN = { scope: 'admin', role: 'admin' } as const;

/** An allowed-origins entry, in the forms the ingest matcher knows (ingest/allowed-origins.ts). */
const origin = z
  .string()
  .max(300)
  .refine(
    isAllowedOriginEntry,
    'must be like https://app.example.com, example.com, *.example.com, http://localhost:3000 or *',
  );

const fieldName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.-]+$/, 'must be a field name (letters, digits, _ . -)');

const groupingVersion = z.string().refine((version) => GROUPING_VERSIONS.includes(version), {
  message: `must be one of ${GROUPING_VERSIONS.join(', ')}`,
});

async function refuseTakenSlug(store: Store, projectId: number, slug: string): Promise<void> {
  const holder = (await store.listProjects()).find((p) => p.slug === slug && p.id !== projectId);
  if (holder !== undefined) {
    throw new ApiError('conflict', `another project has the slug ${slug}`, { field: 'body.slug' });
  }
}

export const projectRoutes = [
  route({
    method: 'GET',
    path: '/api/0/projects/',
    summary: 'List the projects you can see',
    tag: 'projects',
    access: { scope: 'read' },
    async handle({ principal, services }) {
      const visible = new Set(await visibleProjectIds(services.store, principal));
      const projects = (await services.store.listProjects()).filter((p) => visible.has(p.id));
      return json(projects.map(projectJson));
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/',
    summary: 'Create a project, with its first DSN key',
    tag: 'projects',
    access: ADMIN,
    body: z.object({ name: label(200) }),
    async handle({ body, services }) {
      const project = await services.store.createProject(body.name);
      const key = await services.store.createKey(project.id);
      return json({ ...projectJson(project), keys: [keyJson(key, services.publicUrl)] }, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/',
    summary: 'One project and its settings',
    tag: 'projects',
    access: { scope: 'read' },
    params: projectParams,
    async handle({ project }) {
      return json(projectJson(project));
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/projects/:projectId/',
    summary:
      'Rename a project or change its settings (scrubbing, retention, quota, origins, grouping ' +
      'version: a new version starts a 90-day transition from the old one)',
    tag: 'projects',
    access: ADMIN,
    params: projectParams,
    body: z.object({
      name: label(200).optional(),
      slug: z
        .string()
        .regex(
          PROJECT_SLUG,
          'must be 1-50 lower-case letters, digits, - or _, starting with a letter or digit, not only digits',
        )
        .optional()
        .describe("How Sentry's API and sentry-cli (SENTRY_PROJECT) name the project"),
      scrubData: z.boolean().optional(),
      scrubFields: z.array(fieldName).max(200).optional(),
      quota: rateLimitInput.optional(),
      retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
      maxEventsPerIssue: z.number().int().min(1).max(1_000_000).nullable().optional(),
      allowedOrigins: z.array(origin).max(100).optional(),
      groupingVersion: groupingVersion.optional(),
    }),
    async handle({ params, body, principal, project, services }) {
      const { store } = services;
      const { quota, retentionDays, maxEventsPerIssue, groupingVersion: version, ...rest } = body;
      if (body.slug !== undefined)
        await refuseTakenSlug(services.store, params.projectId, body.slug);
      await store.updateProject(params.projectId, {
        ...rest,
        ...(version === undefined ? {} : groupingSwitch(project, version, Date.now() / 1000)),
        // null in the body clears a setting; absent leaves it.
        ...(quota === undefined ? {} : { quota: quota ?? undefined }),
        ...(retentionDays === undefined ? {} : { retentionDays: retentionDays ?? undefined }),
        ...(maxEventsPerIssue === undefined
          ? {}
          : { maxEventsPerIssue: maxEventsPerIssue ?? undefined }),
      });
      return json(projectJson(await visibleProject(store, principal, params.projectId)));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/0/projects/:projectId/',
    summary: 'Delete a project with all its keys, issues and events',
    tag: 'projects',
    access: ADMIN,
    params: projectParams,
    async handle({ params, services }) {
      await deleteProject(services.store.sql, params.projectId);
      return noContent();
    },
  }),
];
