/**
 * Normalization as input → expected-output pairs (Relay's fixture style), one case per file pair
 * in test/fixtures/normalize/: `<case>.input.json` is a payload as an SDK sends it,
 * `<case>.expected.json` the normalized event, and an optional `<case>.hints.json` overrides the
 * envelope's event id and the time received.
 *
 * After an intended change, regenerate the expected files and review the diff:
 *   FAULTLINE_UPDATE_FIXTURES=1 node --test packages/server/dist/test/digest/normalize.test.js
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NormalizeError, normalizeEvent } from '../../src/digest/normalize.js';
import type { NormalizeHints } from '../../src/digest/normalize.js';

/** From dist/test/digest/ (where this runs) back to the package's test/fixtures/normalize/. */
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/normalize/', import.meta.url));
const UPDATE = process.env['FAULTLINE_UPDATE_FIXTURES'] === '1';

const DEFAULT_HINTS: NormalizeHints = {
  eventId: '0123456789abcdef0123456789abcdef',
  receivedAt: 1767225600, // 2026-01-01T00:00:00Z
};

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(FIXTURES + file, 'utf8'));
}

function hintsOf(name: string): NormalizeHints {
  const file = `${name}.hints.json`;
  if (!existsSync(FIXTURES + file)) return DEFAULT_HINTS;
  const hints = readJson(file);
  assert.ok(typeof hints === 'object' && hints !== null, `${file} must be an object`);
  return { ...DEFAULT_HINTS, ...hints };
}

const cases = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.input.json'))
  .map((file) => file.slice(0, -'.input.json'.length))
  .sort();

describe('normalizeEvent fixtures', () => {
  it('finds the fixtures', () => {
    assert.ok(cases.length >= 30, `only ${cases.length} cases in ${FIXTURES}`);
  });

  for (const name of cases) {
    it(name, () => {
      const actual = normalizeEvent(readJson(`${name}.input.json`), hintsOf(name));
      // Through JSON, as the event is stored: the expected files are what storage would hold.
      const stored: unknown = JSON.parse(JSON.stringify(actual));
      const expectedFile = `${name}.expected.json`;
      if (UPDATE) writeFileSync(FIXTURES + expectedFile, `${JSON.stringify(stored, null, 2)}\n`);
      assert.deepEqual(stored, readJson(expectedFile));
    });
  }
});

describe('normalizeEvent', () => {
  it('refuses a payload that is not an object, with a stable code', () => {
    for (const raw of [[], 'event', null, 42, true, undefined]) {
      assert.throws(
        () => normalizeEvent(raw, DEFAULT_HINTS),
        (error: unknown) => error instanceof NormalizeError && error.code === 'event_not_object',
      );
    }
  });

  it('survives nesting far deeper than any cap, in every databag', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { d: deep };
    const raw = {
      extra: { deep },
      contexts: { deep: { deep } },
      request: { data: deep, headers: { deep } },
      user: { data: deep },
      breadcrumbs: [{ data: { deep } }],
      exception: [{ type: 'E', value: deep, stacktrace: { frames: [{ vars: { deep } }] } }],
      tags: { deep },
      debug_meta: { deep },
      logentry: { message: '%s', params: [deep] },
    };
    const event = normalizeEvent(raw, DEFAULT_HINTS);
    assert.ok(JSON.stringify(event).length < 20_000);
  });

  it('keeps a `__proto__` key as data, not as a prototype', () => {
    const raw: unknown = JSON.parse(
      '{"extra": {"__proto__": {"polluted": true}}, "tags": {"__proto__": "x"}}',
    );
    const event = normalizeEvent(raw, DEFAULT_HINTS);
    assert.equal(Object.getPrototypeOf(event.extra), Object.prototype);
    assert.deepEqual(Object.keys(event.extra ?? {}), ['__proto__']);
    assert.equal(event.tags?.['__proto__'], 'x');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('never throws on odd but valid JSON objects', () => {
    const odd: unknown[] = [
      {},
      { exception: { values: 'x' } },
      { exception: { values: [{ stacktrace: { frames: [null, 1, 'x', []] } }] } },
      { breadcrumbs: { values: null } },
      { request: { headers: [['a'], null, ['b', 'c', 'd']], cookies: 5, query_string: 5 } },
      { message: { message: 5, params: 'x' } },
      { logentry: { message: '%s %s %(x)s {} {0} {x}', params: { x: null } } },
      {
        tags: [
          [null, null],
          ['', 'x'],
          ['x', ''],
        ],
      },
      { timestamp: '9999-99-99T99:99:99Z', platform: null, level: Number.MAX_VALUE },
      { threads: { values: [{ stacktrace: { frames: [{ lineno: 1e300, colno: -0 }] } }] } },
      { user: { id: Number.NaN, ip_address: '999.1.1.1' } },
      { fingerprint: [null, {}, [], 1, true] },
      { sdk: { name: 1, version: [] } },
      { 'sentry.interfaces.exception': { type: 'lowercase legacy key' } },
    ];
    for (const raw of odd)
      assert.doesNotThrow(() => normalizeEvent(raw, DEFAULT_HINTS), JSON.stringify(raw));
  });
});
