/** A project's DSN keys: members read them (to set up SDKs); admins create, rotate and limit them. */
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import type { ProjectKey } from '../../store/types.js';
import { ApiError } from '../errors.js';
import { json, route } from '../route.js';
import { projectParams, rateLimitInput } from '../schemas.js';
import { keyJson } from '../serialize.js';

const ADMIN = { scope: 'admin', role: 'admin' } as const;
const keyParams = projectParams.extend({
  keyId: z.string().regex(/^[0-9a-f]{32}$/, 'must be a key id (32 hex digits)'),
});

async function projectKey(store: Store, projectId: number, keyId: string): Promise<ProjectKey> {
  const key = await store.getKey(keyId);
  if (key === undefined || key.projectId !== projectId) {
    throw new ApiError('not_found', `project ${projectId} has no key ${keyId}`);
  }
  return key;
}

export const keyRoutes = [
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/keys/',
    summary: "A project's DSN keys, with their DSNs",
    tag: 'keys',
    access: { scope: 'read' },
    params: projectParams,
    async handle({ params, services }) {
      const keys = await services.store.listKeys(params.projectId);
      return json(keys.map((key) => keyJson(key, services.publicUrl)));
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/keys/',
    summary: 'Create a DSN key',
    tag: 'keys',
    access: ADMIN,
    params: projectParams,
    async handle({ params, services }) {
      return json(
        keyJson(await services.store.createKey(params.projectId), services.publicUrl),
        201,
      );
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/projects/:projectId/keys/:keyId/',
    summary: 'Enable or disable a key, or set its rate limit',
    tag: 'keys',
    access: ADMIN,
    params: keyParams,
    body: z.object({ active: z.boolean().optional(), rateLimit: rateLimitInput.optional() }),
    async handle({ params, body, services }) {
      const { store } = services;
      await projectKey(store, params.projectId, params.keyId);
      await store.updateKey(params.keyId, {
        ...(body.active === undefined ? {} : { active: body.active }),
        ...(body.rateLimit === undefined ? {} : { rateLimit: body.rateLimit ?? undefined }),
      });
      return json(
        keyJson(await projectKey(store, params.projectId, params.keyId), services.publicUrl),
      );
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/keys/:keyId/rotate/',
    summary: 'Replace a key: a new one with the same rate limit, and the old one disabled',
    tag: 'keys',
    access: ADMIN,
    params: keyParams,
    async handle({ params, services }) {
      const { store } = services;
      const old = await projectKey(store, params.projectId, params.keyId);
      const created = await store.createKey(params.projectId);
      if (old.rateLimit !== undefined)
        await store.updateKey(created.publicKey, { rateLimit: old.rateLimit });
      await store.updateKey(old.publicKey, { active: false });
      return json(
        keyJson(await projectKey(store, params.projectId, created.publicKey), services.publicUrl),
        201,
      );
    },
  }),
];
