/** The one place ingest outcomes become HTTP responses (status, Sentry headers, CORS). */
import type { ServerResponse } from 'node:http';
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
  response.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendPreflight(response: ServerResponse): void {
  response.writeHead(204, CORS_HEADERS);
  response.end();
}

export function sendIngestError(response: ServerResponse, error: IngestError): void {
  // Messages may quote request input; a header value must stay printable ASCII.
  const headers: Record<string, string> = {
    'x-sentry-error': error.message.replace(/[^\x20-\x7e]/g, '?'),
  };
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.rateLimits !== undefined) headers['x-sentry-rate-limits'] = error.rateLimits;
  // After a refusal the rest of an oversized body is not worth reading: close the connection.
  if (error.status === 413) headers['connection'] = 'close';
  sendJson(response, error.status, { detail: error.message, code: error.code }, headers);
}

/** Anything that is not an IngestError is our bug: answer 500 without details, and log it. */
export function sendInternalError(response: ServerResponse): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, 500, { detail: 'internal error', code: 'internal_error' });
}

export { IngestError };
