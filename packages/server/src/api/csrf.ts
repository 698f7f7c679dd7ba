/**
 * Cross-site request forgery: a browser sends the session cookie with requests other sites make.
 * SameSite=Lax already keeps it off cross-site POSTs in current browsers; on top of that, every
 * write authenticated by a cookie must carry the session's CSRF token in `X-CSRF-Token`, which
 * another site can neither read nor set (a form cannot send custom headers). Token-authenticated
 * requests need none: a script holding the token is not a browser being tricked.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.js';
import type { Method, Principal } from './route.js';

export const CSRF_HEADER = 'x-csrf-token';

export function checkCsrf(request: IncomingMessage, method: Method, principal: Principal): void {
  if (method === 'GET' || principal.session === undefined) return;
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(principal.session.csrfToken);
  const actual = Buffer.from(typeof sent === 'string' ? sent : '');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new ApiError(
      'csrf_failed',
      `a write with a session cookie needs the ${CSRF_HEADER} header`,
    );
  }
}
