/**
 * The pure digest steps must never throw on a JSON object, whatever it holds: one poisoned event
 * must not stop the queue. Seeded random payloads built from the protocol's own field names
 * reach the type checks of every interface; the seed makes a failure reproducible.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeGrouping } from '../../src/digest/grouping/registry.js';
import { normalizeEvent } from '../../src/digest/normalize.js';
import { scrubEvent } from '../../src/digest/scrub.js';
import { summarizeEvent } from '../../src/digest/summarize.js';

// prettier-ignore
const FIELD_NAMES = [
  'event_id', 'timestamp', 'platform', 'level', 'logger', 'transaction', 'server_name', 'release',
  'dist', 'environment', 'tags', 'extra', 'contexts', 'user', 'request', 'breadcrumbs',
  'exception', 'threads', 'logentry', 'message', 'fingerprint', 'modules', 'sdk', 'stacktrace',
  'csp', 'hpkp', 'debug_meta', 'template', 'sentry.interfaces.Exception',
  'sentry.interfaces.Stacktrace', 'sentry.interfaces.Http', 'sentry.interfaces.Message',
  'sentry.interfaces.User', 'values', 'frames', 'type', 'value', 'module', 'mechanism', 'function',
  'filename', 'abs_path', 'lineno', 'colno', 'in_app', 'vars', 'context_line', 'pre_context',
  'headers', 'cookies', 'query_string', 'data', 'env', 'url', 'method', 'params', 'formatted',
  'id', 'ip_address', 'crashed', 'exception_id', 'parent_id', 'synthetic', 'frames_omitted',
  'registers', 'password', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
];
// prettier-ignore
const STRINGS = [
  '', '?', '{{ default }}', 'Error: boom', 'a=1&b=2', '{"a":1}', '2026-01-01T00:00:00Z',
  '1767225600', '4111 1111 1111 1111', 'Bearer x', 'warn', 'node', '%s %d {} {0}', 'x'.repeat(300),
  '3F2C9A1E-7B4D-4E8F-9A0B-1C2D3E4F5A6B', 'https://u:p@h/x?y=1#z', '::1', 'line\nbreak',
  'constructor', '__proto__', 'toString', 'valueOf', '{constructor}', '%(__proto__)s',
];

/** mulberry32: a tiny seeded PRNG, good enough to pick shapes. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 6 || roll < 0.35) {
    return pick<unknown>(random, [
      pick(random, STRINGS),
      Math.floor(random() * 2000) - 10,
      random() * 1e10,
      true,
      false,
      null,
      -1,
      1e300,
    ]);
  }
  if (roll < 0.55)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  return randomRecord(random, depth + 1);
}

function randomRecord(random: () => number, depth: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 7); i > 0; i--) {
    const key = random() < 0.85 ? pick(random, FIELD_NAMES) : pick(random, STRINGS);
    Object.defineProperty(record, key, {
      value: randomValue(random, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return record;
}

describe('digest steps on random payloads', () => {
  it('never throw and always produce storable events', () => {
    const random = randomSource(20260101);
    for (let i = 0; i < 2000; i++) {
      const raw = randomRecord(random, 0);
      try {
        const event = normalizeEvent(raw, { eventId: '', receivedAt: 1767225600 });
        scrubEvent(event, { enabled: true, extraFields: ['ssn'] });
        const grouping = computeGrouping(event);
        const summary = summarizeEvent(event);
        assert.match(grouping.hash, /^[0-9a-f]{32}$/);
        assert.ok(summary.title.length > 0);
        assert.deepEqual(JSON.parse(JSON.stringify(event)), event);
      } catch (error) {
        assert.fail(`payload #${i} ${JSON.stringify(raw)}: ${String(error)}`);
      }
    }
  });
});
