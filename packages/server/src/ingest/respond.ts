/** The one place ingest outcomes become HTTP responses (status, Sentry headers, CORS). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discardRestOfBody } from './discard-body.js';
import { IngestError } from './errors.js';

// Browser SDKs post cross-origin with text/plain; they need to read the rate-limit headers.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers':
    'x-sentry-auth, x-requested-with, origin, accept, content-type, content-encoding, authentication, authorization, sentry-trace, baggage',
  'access-control-expose-headers': 'x-sentry-error, x-sentry-rate-limits, retry-after',
  'access-control-max-age': '86400',
} as const;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, jsonHeaders(text, headers));
  response.end(text);
}

function jsonHeaders(text: string, headers: Record<string, string>) {
  return {
    ...CORS_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  };
}

export function sendPreflight(response: ServerResponse): void {
  response.writeHead(204, CORS_HEADERS);
  response.end();
}

/**
 * With `request` given and its body not read to the end, the answer is written at once and the
 * connection closed only after the rest of the upload was discarded (see discard-body.ts).
 */
export function sendIngestError(
  response: ServerResponse,
  error: IngestError,
  request?: IncomingMessage,
): void {
  // Messages may quote request input; a header value must stay printable ASCII.
  const headers: Record<string, string> = {
    'x-sentry-error': error.message.replace(/[^\x20-\x7e]/g, '?'),
  };
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.rateLimits !== undefined) headers['x-sentry-rate-limits'] = error.rateLimits;
  sendRefusal(
    response,
    error.status,
    { detail: error.message, code: error.code },
    headers,
    request,
  );
}

/** Anything that is not an IngestError is our bug: answer 500 without details, and log it. */
export function sendInternalError(response: ServerResponse, request?: IncomingMessage): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendRefusal(response, 500, { detail: 'internal error', code: 'internal_error' }, {}, request);
}

function sendRefusal(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
  request: IncomingMessage | undefined,
): void {
  // The client went away (an abort): there is no one to answer.
  if (response.destroyed || response.writableEnded) return;
  if (request === undefined || request.readableEnded) {
    sendJson(response, status, body, headers);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, jsonHeaders(text, { ...headers, connection: 'close' }));
  response.write(text);
  discardRestOfBody(request, () => response.end());
}

export { IngestError };
