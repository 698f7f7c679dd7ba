/**
 * Decides, from the request alone, whether a 200 for it promises a stored event: a /store/ body
 * is an event; an envelope promises one when it has an event item, or when it is a bare legacy
 * event posted to /envelope/ (a header line with an event's keys and no items: the server must
 * then store it or refuse it, never answer 200 and drop it). The body is decoded here with
 * node:zlib as the Content-Encoding header says, independently of the server's reader.
 */
import zlib from 'node:zlib';
import { readEnvelopeParts } from './envelope-parts.js';
import type { FuzzInput } from './generate-input.js';

export type Expectation = 'event' | 'nothing' | 'unjudged';

const MAX_DECODED_BYTES = 21 * 1024 * 1024;

// Keys only an event has; `sentry.interfaces.*` are the legacy names of its interfaces.
const EVENT_KEYS = new Set([
  'exception',
  'message',
  'logentry',
  'platform',
  'level',
  'breadcrumbs',
  'stacktrace',
  'threads',
  'culprit',
  'tags',
  'extra',
  'user',
  'request',
  'contexts',
  'fingerprint',
  'release',
  'environment',
  'modules',
]);

type Decode = (body: Buffer) => Buffer;
const limit = { maxOutputLength: MAX_DECODED_BYTES };
const zstdDecompressSync = (zlib as unknown as { zstdDecompressSync?: Decode }).zstdDecompressSync;

const DECODERS = new Map<string, Decode>([
  ['', (body) => body],
  ['identity', (body) => body],
  ['gzip', (body) => zlib.gunzipSync(body, limit)],
  ['x-gzip', (body) => zlib.gunzipSync(body, limit)],
  // zlib-wrapped by the spec, raw from some clients: the first byte's low nibble tells.
  [
    'deflate',
    (body) =>
      body.length > 0 && (body[0]! & 0x0f) === 0x08
        ? zlib.inflateSync(body, limit)
        : zlib.inflateRawSync(body, limit),
  ],
  ['br', (body) => zlib.brotliDecompressSync(body, limit)],
  ...(zstdDecompressSync ? [['zstd', zstdDecompressSync] as [string, Decode]] : []),
]);

function decoded(input: FuzzInput): Buffer | undefined {
  const encoding = (input.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decode = DECODERS.get(encoding);
  if (decode === undefined) return undefined;
  try {
    return decode(input.body);
  } catch {
    return undefined;
  }
}

export function expectationOf(input: FuzzInput): Expectation {
  if (/\/store\/(\?|$)/.test(input.path)) return 'event';
  const body = decoded(input);
  if (body === undefined) return 'unjudged';
  const parts = readEnvelopeParts(body);
  if (parts === undefined || parts.headers === undefined) return 'unjudged';
  if (parts.items.some((item) => item.headers['type'] === 'event')) return 'event';
  const looksLikeEvent = Object.keys(parts.headers).some(
    (key) => EVENT_KEYS.has(key) || key.startsWith('sentry.interfaces.'),
  );
  return parts.items.length === 0 && looksLikeEvent ? 'event' : 'nothing';
}
