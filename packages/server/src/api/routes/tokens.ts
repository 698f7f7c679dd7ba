/** Your own API tokens: the secret is in the creation response and nowhere else, ever. */
import { z } from 'zod';
import { SCOPES, createToken, listTokens, revokeToken } from '../../accounts/tokens.js';
import { ApiError } from '../errors.js';
import { json, noContent, route } from '../route.js';
import { id, label } from '../schemas.js';
import { tokenJson } from '../serialize.js';

export const tokenRoutes = [
  route({
    method: 'GET',
    path: '/api/0/tokens/',
    summary: 'List your API tokens (without their secrets)',
    tag: 'tokens',
    access: { scope: 'read' },
    async handle({ principal, services }) {
      return json((await listTokens(services.store.sql, principal.user.id)).map(tokenJson));
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/tokens/',
    summary:
      'Create an API token; its secret is shown only in this response (at most 100 per user: ' +
      '409 limit_reached)',
    tag: 'tokens',
    access: { scope: 'admin' },
    body: z.object({ name: label(200), scope: z.enum(SCOPES) }),
    async handle({ body, principal, services }) {
      const created = await createToken(
        services.store.sql,
        principal.user.id,
        body.name,
        body.scope,
      );
      return json({ ...tokenJson(created.token), token: created.secret }, 201);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/0/tokens/:tokenId/',
    summary: 'Revoke one of your API tokens',
    tag: 'tokens',
    access: { scope: 'admin' },
    params: z.object({ tokenId: id }),
    async handle({ params, principal, services }) {
      if (!(await revokeToken(services.store.sql, principal.user.id, params.tokenId))) {
        throw new ApiError('not_found', `you have no token ${params.tokenId}`);
      }
      return noContent();
    },
  }),
];
