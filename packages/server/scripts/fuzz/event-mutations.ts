/**
 * Mutations of one event payload (a /store/ body, an envelope's event item, or a legacy event
 * posted to /envelope/): hostile values and keys where the server looks things up, shapes that
 * cost a naive normalizer quadratic time or huge memory, legacy interface names, and JSON that is
 * almost valid. Each returns new bytes; a payload that no longer parses is left alone by the
 * mutations that need a tree.
 */
import { parseJsonObject } from './envelope-parts.js';
import type { JsonObject } from './envelope-parts.js';
import { hostileString, hostileValue, PROTOTYPE_KEYS, repeatTo } from './hostile-values.js';
import { addKeyRandom, replaceRandom, setOwn } from './json-tree.js';
import type { Random } from './random.js';

export interface PayloadMutation {
  name: string;
  apply(payload: Buffer, random: Random): Buffer;
}

/** A mutation of the parsed event, written back as JSON. */
function onEvent(name: string, edit: (event: JsonObject, random: Random) => void): PayloadMutation {
  return {
    name,
    apply(payload, random) {
      const event = parseJsonObject(payload);
      if (event === undefined) return payload;
      edit(event, random);
      try {
        return Buffer.from(JSON.stringify(event));
      } catch {
        // Nested too deep for JSON.stringify's stack (deep-nesting came first): leave it.
        return payload;
      }
    },
  };
}

/** A mutation of the JSON text: what JSON.stringify could never write. */
function onText(name: string, edit: (text: string, random: Random) => string): PayloadMutation {
  return { name, apply: (payload, random) => Buffer.from(edit(payload.toString('utf8'), random)) };
}

const LEGACY_NAMES: ReadonlyArray<[string, string]> = [
  ['exception', 'sentry.interfaces.Exception'],
  ['request', 'sentry.interfaces.Http'],
  ['user', 'sentry.interfaces.User'],
  ['stacktrace', 'sentry.interfaces.Stacktrace'],
  ['logentry', 'sentry.interfaces.Message'],
];

/** Replaces the character at a random position inside the text with `insert`. */
function spliceAt(text: string, random: Random, insert: string, replace = 0): string {
  const at = random.int(1, Math.max(1, text.length - 2));
  return text.slice(0, at) + insert + text.slice(at + replace);
}

export const PAYLOAD_MUTATIONS: readonly PayloadMutation[] = [
  onEvent('level-prototype-key', (event, random) => {
    event['level'] = random.pick(PROTOTYPE_KEYS);
  }),
  onEvent('hostile-key', (event, random) =>
    addKeyRandom(event, random, hostileString(random), hostileValue(random)),
  ),
  onEvent('hostile-value', (event, random) => replaceRandom(event, random, hostileValue(random))),
  onEvent('prototype-keys-in-maps', (event, random) => {
    for (const field of ['tags', 'contexts', 'extra', 'modules']) {
      const map = Object.create(null) as JsonObject;
      for (const key of PROTOTYPE_KEYS) setOwn(map, key, hostileValue(random));
      setOwn(event, field, map);
    }
    const headers = Object.create(null) as JsonObject;
    for (const key of PROTOTYPE_KEYS) setOwn(headers, key, 'x');
    event['request'] = { url: 'http://x/', headers, env: headers, cookies: headers };
    event['tags'] = random.chance(0.5) ? event['tags'] : PROTOTYPE_KEYS.map((key) => [key, key]);
  }),
  onEvent('type-confusion', (event, random) =>
    replaceRandom(event, random, random.pick([[1, 2], 'text', 42, null, { a: 1 }, true])),
  ),
  onEvent('empty-fields', (event, random) => {
    for (let i = random.int(1, 6); i > 0; i--)
      replaceRandom(event, random, random.pick(['', {}, []]));
  }),
  onEvent('huge-string', (event, random) =>
    replaceRandom(event, random, repeatTo('x', random.int(100_000, 900_000))),
  ),
  // As text: JSON.stringify itself overflows the stack a few thousand levels down.
  onText('deep-nesting', (text, random) => {
    const depth = random.pick([64, 200, 255, 300, 5_000, 100_000]);
    return text.replace(/^\{/, `{"deep":${'['.repeat(depth)}0${']'.repeat(depth)},`);
  }),
  onEvent('format-bomb', (event, random) => {
    const unit = random.pick(['{0}', '%s', '%1$s', '{}']);
    event['logentry'] = {
      message: unit.repeat(random.int(1_000, 120_000)),
      params: ['p'.repeat(random.int(10, 4_096))],
    };
  }),
  onEvent('card-number-headers', (event, random) => {
    const headers: JsonObject = {};
    const value = repeatTo('4-', random.int(1_000, 150_000));
    for (let i = random.int(1, 6); i > 0; i--) headers[`x-card-${i}`] = value;
    event['request'] = { url: 'http://shop.example/', headers, env: { CARD: value } };
  }),
  onEvent('many-entries', (event, random) => {
    const count = random.int(2_000, 40_000);
    const map: JsonObject = {};
    for (let i = 0; i < count; i++) map[`k${i}`] = `v${i}`;
    const field = random.pick(['tags', 'extra', 'contexts', 'request']);
    event[field] = field === 'request' ? { url: 'http://x/', headers: map, env: map } : map;
  }),
  onEvent('many-frames', (event, random) => {
    const frames = Array.from({ length: random.int(1_000, 20_000) }, (_, i) => ({
      function: `f${i}`,
      filename: 'a.js',
      lineno: i,
    }));
    event['exception'] = { values: [{ type: 'Error', value: 'deep', stacktrace: { frames } }] };
  }),
  onEvent('legacy-interface-names', (event) => {
    for (const [modern, legacy] of LEGACY_NAMES) {
      if (!Object.hasOwn(event, modern)) continue;
      event[legacy] = event[modern];
      delete event[modern];
    }
  }),
  onEvent('event-id-hostile', (event, random) => {
    event['event_id'] = random.pick([undefined, 'not-hex', 42, '', '__proto__', 'A'.repeat(5000)]);
  }),
  onEvent('timestamp-hostile', (event, random) => {
    event['timestamp'] = random.pick([-1, 0, 1e20, 'yesterday', '2026-13-45T99:00:00Z', null]);
  }),
  onText('json-missing-colon', (text) => text.replace('":', '" ')),
  onText('json-raw-control-char', (text, random) =>
    text.replace(/"([^"\\]{2,})"/, `"$1${String.fromCharCode(random.int(0, 31))}x"`),
  ),
  onText('json-bad-escape', (text) => text.replace(/"([^"\\]{2,})"/, '"$1\\q"')),
  onText('json-trailing-comma', (text) => text.replace(/}\s*$/, ',}')),
  onText('json-lone-surrogate-escape', (text) =>
    text.replace(/^\{/, '{"lone":"\\ud800\\udbff","high":"\\udfff",'),
  ),
  onText('json-duplicate-keys', (text) => text.replace(/^\{/, '{"level":"__proto__","level":1,')),
  onText('json-splice-garbage', (text, random) =>
    spliceAt(text, random, random.pick(['{', '}', '[', '"', '\\', ':', ',', 'null']), 1),
  ),
  {
    name: 'invalid-utf8',
    apply: (payload, random) => {
      const at = random.int(0, payload.length);
      const bad = random.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82]]);
      return Buffer.concat([payload.subarray(0, at), Buffer.from(bad), payload.subarray(at)]);
    },
  },
  {
    name: 'byte-order-mark',
    apply: (payload) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), payload]),
  },
];
