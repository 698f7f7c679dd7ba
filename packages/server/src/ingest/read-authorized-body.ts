/**
 * Reads a request's body only as far as its sender is known, so strangers cost next to nothing:
 *
 *  1. the project in the URL must exist before a byte of the body is read;
 *  2. a key in X-Sentry-Auth or the query string is checked before the body is read;
 *  3. a key only in the envelope header's `dsn` (some relays put it nowhere else) is checked
 *     after the first line, read and decompressed with a small cap, and before the rest.
 *
 * The reader's bytes count against the shared budget until releaseBody(request).
 */
import type { IncomingMessage } from 'node:http';
import { EnvelopeError, parseEnvelope } from '@faultline/protocol';
import type { Envelope } from '@faultline/protocol';
import type { Project, ProjectKey } from '../store/types.js';
import { requestOrigin } from './allowed-origins.js';
import { authFromRequest, authorize, keyFromEnvelopeDsn } from './authenticate.js';
import type { KeyLookup } from './authenticate.js';
import type { BodyBudget } from './body-budget.js';
import { ingestError } from './errors.js';
import { BodyReader } from './read-body.js';
import type { BodyLimits } from './read-body.js';

/** Decoded bytes read before the key is known: an envelope header line is a few hundred. */
export const UNAUTHENTICATED_BYTES = 64 * 1024;

export interface BodyContext {
  lookup: KeyLookup;
  limits: BodyLimits;
  budget: BodyBudget;
}

export interface AuthorizedBody {
  auth: { project: Project; key: ProjectKey };
  /** The request's `sentry_client`, if it sent one. */
  client: string | undefined;
  body: Buffer;
}

const readers = new WeakMap<IncomingMessage, BodyReader>();

export async function readAuthorizedBody(
  request: IncomingMessage,
  endpoint: 'envelope' | 'store',
  projectId: number,
  query: URLSearchParams,
  context: BodyContext,
): Promise<AuthorizedBody> {
  const { lookup } = context;
  if ((await lookup.project(projectId)) === undefined) {
    throw ingestError('project_unknown', projectId);
  }
  const origin = requestOrigin(request.headers);
  const { key: requestKey, client } = authFromRequest(request, query);
  if (requestKey === undefined && endpoint === 'store') throw ingestError('auth_missing');
  const auth =
    requestKey === undefined ? undefined : await authorize(lookup, projectId, requestKey, origin);

  const reader = BodyReader.open(request, context.limits, context.budget);
  readers.set(request, reader);
  if (auth !== undefined) return { auth, client, body: await reader.readAll() };

  const headerLine = await reader.readLine(UNAUTHENTICATED_BYTES, () =>
    ingestError('envelope_header_too_large', UNAUTHENTICATED_BYTES),
  );
  const envelopeKey = keyFromEnvelopeDsn(parseEnvelopeOrThrow(headerLine).headers.dsn);
  if (envelopeKey === undefined) throw ingestError('auth_missing');
  const envelopeAuth = await authorize(lookup, projectId, envelopeKey, origin);
  return { auth: envelopeAuth, client, body: await reader.readAll() };
}

/** Gives the request's body bytes back to the budget, once its answer is decided. */
export function releaseBody(request: IncomingMessage): void {
  readers.get(request)?.release();
  readers.delete(request);
}

export function parseEnvelopeOrThrow(body: Uint8Array, maxItems?: number): Envelope {
  try {
    return parseEnvelope(body, maxItems === undefined ? {} : { maxItems });
  } catch (error) {
    if (error instanceof EnvelopeError && error.code === 'too_many_items')
      throw ingestError('too_many_items', maxItems!);
    if (error instanceof EnvelopeError) throw ingestError('envelope_invalid', error.message);
    throw error;
  }
}
