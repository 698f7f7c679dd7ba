/**
 * The `request` interface from a Node request. Credentials and personal data (auth headers,
 * cookies, API keys, the client IP) are left out unless `sendDefaultPii` is on: an error report
 * is read by more people than the service's secrets should be.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestData } from '@faultline/protocol';

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-forwarded-for',
  'x-real-ip',
  'forwarded',
]);
// x-api-key, api-key, x-auth-token, x-csrf-token, x-session-id, x-access-token, …
const SENSITIVE_NAME = /api[-_]?key|token|secret|passw|session|auth|signature/i;

export function requestDataFromRequest(req: IncomingMessage, sendDefaultPii: boolean): RequestData {
  const host = headerText(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const protocol = headerText(req.headers['x-forwarded-proto']) ?? (encrypted ? 'https' : 'http');
  // Express rewrites req.url inside routers; originalUrl is what the client asked for.
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const queryStart = path.indexOf('?');
  const data: RequestData = {
    method: req.method ?? 'GET',
    url: `${protocol}://${host}${queryStart < 0 ? path : path.slice(0, queryStart)}`,
    headers: headersFromRequest(req, sendDefaultPii),
  };
  if (queryStart >= 0) data.query_string = path.slice(queryStart + 1);
  if (sendDefaultPii && req.headers.cookie !== undefined) data.cookies = req.headers.cookie;
  return data;
}

export function clientIp(req: IncomingMessage): string | undefined {
  const forwarded = headerText(req.headers['x-forwarded-for'])?.split(',')[0]?.trim();
  return forwarded !== undefined && forwarded !== '' ? forwarded : req.socket?.remoteAddress;
}

function headersFromRequest(req: IncomingMessage, sendDefaultPii: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (!sendDefaultPii && (SENSITIVE_HEADERS.has(name) || SENSITIVE_NAME.test(name))) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
