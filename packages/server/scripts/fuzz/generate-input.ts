/**
 * One fuzz input from the seeded random source: a seed with fresh event ids, sent one of the
 * ways it could be (envelope, legacy /store/ body, wrapped, or a bare event posted to
 * /envelope/), mutated at every layer: the event, the envelope's framing, the raw bytes, the
 * key's place, the compression, the headers.
 */
import { authHeaderFor, chooseAuth, dsnFor, queryFor } from './auth.js';
import type { Target } from './auth.js';
import { BYTE_MUTATIONS } from './byte-mutations.js';
import { encodeBody } from './encodings.js';
import { ENVELOPE_MUTATIONS } from './envelope-mutations.js';
import { parseJsonObject, readEnvelopeParts, writeEnvelopeParts } from './envelope-parts.js';
import type { EnvelopeParts } from './envelope-parts.js';
import { PAYLOAD_MUTATIONS } from './event-mutations.js';
import type { Random } from './random.js';
import type { Seed } from './seeds.js';

export interface FuzzInput {
  index: number;
  seed: string;
  mutations: string[];
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Transfer-Encoding: chunked (as @sentry/node sends) rather than Content-Length. */
  chunked: boolean;
}

type Shape =
  { endpoint: 'envelope'; parts: EnvelopeParts } | { endpoint: 'envelope' | 'store'; raw: Buffer };

/** 32 hex digits, sometimes written the other ways SDKs write them. */
function freshEventId(random: Random): string {
  const id = random.hex(32);
  if (random.chance(0.9)) return id;
  const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  return random.chance(0.5) ? dashed : dashed.toUpperCase();
}

function withEventId(payload: Buffer, eventId: string): Buffer {
  const event = parseJsonObject(payload);
  if (event === undefined) return payload;
  event['event_id'] = eventId;
  return Buffer.from(JSON.stringify(event));
}

/** The seed as it will be sent, its ids fresh so that every acknowledged event is distinct. */
function shapeFor(seed: Seed, random: Random, names: string[]): Shape {
  const eventId = freshEventId(random);
  if (seed.kind === 'event') {
    const event = withEventId(seed.body, eventId);
    const way = random.next();
    if (way < 0.55) return { endpoint: 'store', raw: event };
    if (way < 0.85) {
      names.push('shape:wrapped-in-envelope');
      return {
        endpoint: 'envelope',
        parts: {
          headers: { event_id: eventId },
          items: [{ headers: { type: 'event' }, payload: event }],
        },
      };
    }
    names.push('shape:bare-event-to-envelope');
    return { endpoint: 'envelope', raw: event };
  }
  const parts = readEnvelopeParts(seed.body)!;
  if (parts.headers !== undefined && 'event_id' in parts.headers)
    parts.headers['event_id'] = eventId;
  parts.items = parts.items.map((item) =>
    item.headers['type'] === 'event'
      ? { ...item, payload: withEventId(item.payload, eventId) }
      : item,
  );
  return { endpoint: 'envelope', parts };
}

function mutateEvent(shape: Shape, random: Random, names: string[]): void {
  const mutation = random.pick(PAYLOAD_MUTATIONS);
  names.push(`event:${mutation.name}`);
  if ('raw' in shape) {
    shape.raw = mutation.apply(shape.raw, random);
    return;
  }
  const index = shape.parts.items.findIndex((item) => item.headers['type'] === 'event');
  const item = shape.parts.items[index];
  if (item !== undefined)
    shape.parts.items[index] = { ...item, payload: mutation.apply(item.payload, random) };
}

function oversized(body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.alloc(21 * 1024 * 1024, 0x20)]);
}

export function generateInput(
  index: number,
  random: Random,
  seeds: readonly Seed[],
  target: Target,
): FuzzInput {
  const seed = random.pick(seeds);
  const names: string[] = [];
  const shape = shapeFor(seed, random, names);

  for (let i = random.int(0, 2); i > 0; i--) mutateEvent(shape, random, names);
  if ('parts' in shape && random.chance(0.35)) {
    const mutation = random.pick(ENVELOPE_MUTATIONS);
    names.push(`envelope:${mutation.name}`);
    mutation.apply(shape.parts, random);
  }

  const auth = chooseAuth(random, target, 'parts' in shape && shape.parts.headers !== undefined);
  names.push(...auth.names);
  if (auth.place === 'dsn' && 'parts' in shape)
    shape.parts.headers = { ...shape.parts.headers, dsn: dsnFor(target, auth.key) };

  let body = 'parts' in shape ? writeEnvelopeParts(shape.parts) : shape.raw;
  if (random.chance(0.2)) {
    const mutation = random.pick(BYTE_MUTATIONS);
    names.push(`bytes:${mutation.name}`);
    body = mutation.apply(body, random);
  }
  if (random.chance(0.004)) {
    names.push('bytes:oversized');
    body = oversized(body);
  }

  const encoded = encodeBody(body, random);
  names.push(...encoded.names);
  const headers: Record<string, string> = { ...seed.headers };
  if (encoded.header !== undefined) headers['content-encoding'] = encoded.header;
  if (auth.place === 'header') {
    const header = authHeaderFor(random, auth.key);
    headers['x-sentry-auth'] = header.value;
    if (header.name !== undefined) names.push(header.name);
  }
  if (random.chance(0.1)) {
    names.push('headers:dropped');
    delete headers['content-type'];
    delete headers['user-agent'];
  }
  if (random.chance(0.05)) {
    names.push('headers:browser-origin');
    headers['origin'] = random.pick(['http://evil.example', 'null', '__proto__']);
  }
  return {
    index,
    seed: seed.name,
    mutations: names,
    path: `/api/${encodeURIComponent(auth.urlProject)}/${shape.endpoint}/${queryFor(auth)}`,
    headers,
    body: encoded.body,
    chunked: random.chance(0.5),
  };
}
