/** Calls to a test server's REST API as a browser session or as a token holder would make them. */
import assert from 'node:assert/strict';
import { eventEnvelope, newEventId, nodeErrorEvent, post, authQuery } from './envelopes.js';
import type { TestServer } from './test-server.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

export type Credentials =
  { token: string } | { cookie: string; csrfToken: string | undefined } | undefined;

/** The headers that present `as`: a bearer token, or a session cookie with its CSRF token. */
export function credentialHeaders(as: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (as !== undefined && 'token' in as) headers['authorization'] = `Bearer ${as.token}`;
  if (as !== undefined && 'cookie' in as) {
    headers['cookie'] = as.cookie;
    if (as.csrfToken !== undefined) headers['x-csrf-token'] = as.csrfToken;
  }
  return headers;
}

export async function call(
  server: { url: string },
  method: string,
  path: string,
  options: { body?: unknown; as?: Credentials; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers, ...credentialHeaders(options.as) };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  if (response.headers.get('content-type')?.startsWith('application/json')) {
    body = text === '' ? undefined : JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, body };
}

/** Logs in with a password: the session cookie and its CSRF token. */
export async function login(
  server: { url: string },
  email: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const response = await call(server, 'POST', '/api/0/auth/login/', { body: { email, password } });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const setCookie = response.headers.get('set-cookie')!;
  return { cookie: setCookie.split(';')[0]!, csrfToken: response.body.csrfToken };
}

export async function createToken(
  server: { url: string },
  as: Credentials,
  scope: 'read' | 'write' | 'admin',
): Promise<string> {
  const response = await call(server, 'POST', '/api/0/tokens/', {
    as,
    body: { name: `${scope} token`, scope },
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.token;
}

/** Sends a real event to a project and waits until it is stored. */
export async function sendEvent(
  server: TestServer,
  publicKey: string,
  projectId: number,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const eventId = newEventId();
  const url = `${server.url}/api/${projectId}/envelope/${authQuery(publicKey)}`;
  const result = await post(url, eventEnvelope(nodeErrorEvent(eventId, overrides)));
  assert.equal(result.status, 200);
  await server.idle();
  return eventId;
}
