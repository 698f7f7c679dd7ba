/**
 * Each API request gets an id, echoed in `X-Request-Id` and in its log lines, so a user's report
 * can be matched to the server's log. A proxy's id is kept when it looks like one.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && /^[\w.-]{1,100}$/.test(given)) return given;
  return randomBytes(8).toString('hex');
}
