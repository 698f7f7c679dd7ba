/**
 * Who is calling: a bearer token (scripts, the CLI) or a session cookie (the web UI), in that
 * order. A request carrying neither, or one that names no live token or session, is anonymous.
 */
import type { IncomingMessage } from 'node:http';
import { findSession } from '../accounts/sessions.js';
import { findToken } from '../accounts/tokens.js';
import { getUser, memberProjectIds } from '../accounts/users.js';
import type { User } from '../accounts/users.js';
import type { Sql } from '../store/sql.js';
import { ApiError } from './errors.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';
import type { Principal } from './route.js';

async function principalFor(
  sql: Sql,
  user: User,
  rest: Omit<Principal, 'user' | 'projects'>,
): Promise<Principal> {
  const projects = user.role === 'admin' ? 'all' : new Set(await memberProjectIds(sql, user.id));
  return { user, projects, ...rest };
}

export async function authenticate(
  sql: Sql,
  request: IncomingMessage,
): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match === null) {
      throw new ApiError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
    }
    const token = await findToken(sql, match[1]!);
    const user = token && (await getUser(sql, token.userId));
    if (token === undefined || user === undefined) {
      throw new ApiError('unauthenticated', 'this API token is not valid (revoked or mistyped)');
    }
    return principalFor(sql, user, { scope: token.scope, session: undefined, tokenId: token.id });
  }
  const secret = readCookie(request, SESSION_COOKIE);
  if (secret === undefined || secret === '') return undefined;
  const session = await findSession(sql, secret);
  const user = session && (await getUser(sql, session.userId));
  if (session === undefined || user === undefined) return undefined;
  return principalFor(sql, user, { scope: 'admin', session, tokenId: undefined });
}
