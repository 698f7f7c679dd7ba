/**
 * Every way ingest can refuse a request, defined once: a stable code (clients and tests match
 * on it), the HTTP status, and a message that says precisely what was wrong. The HTTP mapping
 * happens in exactly one place (respond.ts).
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    readonly status: number,
    message: string,
    /** Seconds, for 429 and 503. */
    readonly retryAfterSeconds?: number,
    /** The X-Sentry-Rate-Limits value of a 429, so SDKs back off only what is limited. */
    readonly rateLimits?: string,
  ) {
    super(message);
  }
}

const CATALOGUE = {
  not_found: {
    status: 404,
    message: (path: string) =>
      `no ingest endpoint at ${path}: use /api/<project id>/envelope/ or /api/<project id>/store/`,
  },
  method_not_allowed: {
    status: 405,
    message: (method: string) => `${method} is not allowed here: send events with POST`,
  },
  project_id_invalid: {
    status: 400,
    message: (id: string) => `project id "${id}" in the URL is not a number`,
  },
  auth_missing: {
    status: 401,
    message: () =>
      "no sentry_key: send it in the X-Sentry-Auth header, the sentry_key query parameter or the envelope header's dsn",
  },
  auth_header_invalid: {
    status: 401,
    message: () => 'X-Sentry-Auth is not a Sentry auth header (expected "Sentry sentry_key=…, …")',
  },
  dsn_invalid: {
    status: 401,
    message: (reason: string) => `the envelope header's dsn is invalid: ${reason}`,
  },
  key_unknown: {
    status: 401,
    message: (key: string) => `unknown sentry_key "${key}"`,
  },
  key_disabled: {
    status: 403,
    message: () => 'this sentry_key is disabled',
  },
  project_unknown: {
    status: 403,
    message: (id: number) => `project ${id} does not exist`,
  },
  key_project_mismatch: {
    status: 403,
    message: (id: number) => `this sentry_key does not belong to project ${id}`,
  },
  origin_not_allowed: {
    status: 403,
    message: (origin: string) =>
      `origin "${origin}" may not send events to this project: it is not in the project's allowedOrigins`,
  },
  encoding_unsupported: {
    status: 415,
    message: (encoding: string, supported: string) =>
      `Content-Encoding "${encoding}" is not supported (use ${supported}, or none)`,
  },
  compression_invalid: {
    status: 400,
    message: (encoding: string, reason: string) =>
      `the body is not valid ${encoding} data: ${reason}`,
  },
  body_too_large: {
    status: 413,
    message: (limit: number) => `the request body is over the limit of ${limit} bytes`,
  },
  decompressed_too_large: {
    status: 413,
    message: (limit: number) => `the body decompresses to more than the limit of ${limit} bytes`,
  },
  body_empty: {
    status: 400,
    message: () => 'the request body is empty',
  },
  legacy_body_invalid: {
    status: 400,
    message: () =>
      'the body is neither a JSON object nor base64 of zlib-deflated JSON (the raven-era /store/ encoding)',
  },
  envelope_invalid: {
    status: 400,
    message: (reason: string) => `invalid envelope: ${reason}`,
  },
  event_id_invalid: {
    status: 400,
    message: (id: string) => `event_id "${id}" is not 32 hex digits or a UUID`,
  },
  too_many_items: {
    status: 413,
    message: (limit: number) => `an envelope may carry at most ${limit} items`,
  },
  too_many_attachments: {
    status: 413,
    message: (limit: number) => `an envelope may carry at most ${limit} attachments`,
  },
  multiple_events: {
    status: 400,
    message: () => 'an envelope may carry at most one event item',
  },
  event_too_large: {
    status: 413,
    message: (size: number, limit: number) =>
      `the event is ${size} bytes, over the limit of ${limit} bytes`,
  },
  invalid_utf8: {
    status: 400,
    message: (what: string) => `${what} is not valid UTF-8`,
  },
  event_not_object: {
    status: 400,
    message: (what: string) => `${what} must be a JSON object`,
  },
  json_invalid: {
    status: 400,
    message: (what: string) => `${what} is not valid JSON`,
  },
  json_too_deep: {
    status: 400,
    message: (what: string, limit: number) => `${what} nests deeper than ${limit} levels`,
  },
  rate_limited: {
    status: 429,
    message: (scope: 'key' | 'project', retryAfter: number) =>
      scope === 'key'
        ? `this key's rate limit is exhausted; retry in ${retryAfter} s`
        : `the project's event quota is exhausted; retry in ${retryAfter} s`,
  },
  attachment_quota_exceeded: {
    status: 429,
    message: (bytesPerHour: number, retryAfter: number) =>
      `the project's attachment allowance of ${bytesPerHour} bytes per hour is used up; retry in ${retryAfter} s`,
  },
  queue_full: {
    status: 503,
    message: () => 'the ingest queue is full; retry later',
  },
  disk_full: {
    status: 503,
    message: () => "the server's disk is nearly full; the event was not accepted, retry later",
  },
  storage_unavailable: {
    status: 503,
    message: () => 'storage is unavailable; the event was not accepted, retry later',
  },
  shutting_down: {
    status: 503,
    message: () => 'the server is shutting down; retry later',
  },
  // How a body is read and who may send it (issue 13): refused before the body is read whole.
  key_invalid: {
    status: 401,
    message: () =>
      'the sentry_key is malformed: a key is 1 to 64 letters, digits, "-" or "_" (Faultline and Sentry issue 32 hex digits)',
  },
  envelope_header_too_large: {
    status: 400,
    message: (limit: number) =>
      `the envelope header line is longer than ${limit} bytes; with no sentry_key in X-Sentry-Auth or the query string, the key is read from the header's dsn`,
  },
  request_aborted: {
    status: 400,
    message: () => 'the client closed the connection before the body was complete',
  },
  ingest_busy: {
    status: 503,
    message: () =>
      'the server is reading as many request bodies as its memory budget allows; retry later',
  },
} as const satisfies Record<string, { status: number; message: (...args: never[]) => string }>;

export type IngestErrorCode = keyof typeof CATALOGUE;

type MessageArgs<C extends IngestErrorCode> = Parameters<(typeof CATALOGUE)[C]['message']>;

export function ingestError<C extends IngestErrorCode>(
  code: C,
  ...args: MessageArgs<C>
): IngestError {
  const entry = CATALOGUE[code];
  const message = (entry.message as (...a: MessageArgs<C>) => string)(...args);
  return new IngestError(code, entry.status, message);
}

/** A 429 or 503 that tells the SDK when to come back. */
export function retryableIngestError<C extends IngestErrorCode>(
  code: C,
  retryAfterSeconds: number,
  rateLimits: string | undefined,
  ...args: MessageArgs<C>
): IngestError {
  const base = ingestError(code, ...args);
  return new IngestError(code, base.status, base.message, retryAfterSeconds, rateLimits);
}

export function ingestErrorStatus(code: IngestErrorCode): number {
  return CATALOGUE[code].status;
}
