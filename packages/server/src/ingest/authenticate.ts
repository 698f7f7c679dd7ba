/**
 * Who is sending: the public key comes from `X-Sentry-Auth` (sentry-python, Rust, Go), the
 * `sentry_key` query parameter (@sentry/node and @sentry/browser, which cannot set headers on
 * cross-origin beacons), or the envelope header's `dsn` (the only place some relays put it).
 * The key must exist, be active, and belong to the project in the URL; a browser's request must
 * come from one of the project's allowed origins.
 */
import type { IncomingMessage } from 'node:http';
import { authFromQuery, DsnError, dsnFromString, parseAuthHeader } from '@faultline/protocol';
import type { SentryAuth } from '@faultline/protocol';
import type { Project, ProjectKey } from '../store/types.js';
import { isOriginAllowed } from './allowed-origins.js';
import { ingestError } from './errors.js';

/** What the request's header or query string says of its sender. */
export interface RequestAuth {
  /** The public key, if any; the envelope's dsn is checked later. */
  key: string | undefined;
  /** `sentry_client`: the SDK's name and version (`raven-go/0.2`), if it said. */
  client: string | undefined;
}

/** The header's fields win over the query string's, as for the key before. */
export function authFromRequest(request: IncomingMessage, query: URLSearchParams): RequestAuth {
  const header = request.headers['x-sentry-auth'];
  let fromHeader: SentryAuth = {};
  if (typeof header === 'string' && header.length > 0) {
    const auth = parseAuthHeader(header);
    if (auth === undefined) throw ingestError('auth_header_invalid');
    fromHeader = auth;
  }
  const fromQuery = authFromQuery(query);
  return {
    key: fromHeader.sentryKey || fromQuery.sentryKey || undefined,
    client: fromHeader.sentryClient || fromQuery.sentryClient || undefined,
  };
}

export function keyFromEnvelopeDsn(dsn: unknown): string | undefined {
  if (typeof dsn !== 'string') return undefined;
  try {
    return dsnFromString(dsn).publicKey;
  } catch (error) {
    if (error instanceof DsnError) throw ingestError('dsn_invalid', error.message);
    throw error;
  }
}

// Faultline issues 32 hex digits, as Sentry does; anything far from that shape is refused before
// a lookup, so a made-up key can't cost a query or a cache entry of its size.
const KEY_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedKey(publicKey: string): boolean {
  return KEY_SHAPE.test(publicKey);
}

export interface KeyLookup {
  project(projectId: number): Promise<Project | undefined>;
  key(publicKey: string): Promise<ProjectKey | undefined>;
}

export async function authorize(
  lookup: KeyLookup,
  projectId: number,
  publicKey: string,
  /** From requestOrigin: `undefined` for server-side SDKs, which every project accepts. */
  origin: string | undefined,
): Promise<{ project: Project; key: ProjectKey }> {
  const project = await lookup.project(projectId);
  if (project === undefined) throw ingestError('project_unknown', projectId);
  if (!isWellFormedKey(publicKey)) throw ingestError('key_invalid');
  const key = await lookup.key(publicKey);
  if (key === undefined) throw ingestError('key_unknown', publicKey);
  if (key.projectId !== projectId) throw ingestError('key_project_mismatch', projectId);
  if (!key.active) throw ingestError('key_disabled');
  if (origin !== undefined && !isOriginAllowed(origin, project.allowedOrigins))
    throw ingestError('origin_not_allowed', origin.slice(0, 100));
  return { project, key };
}
