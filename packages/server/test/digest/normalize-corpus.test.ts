/**
 * Every real payload in the shared corpus (Sentry's own sample events, and the captured traffic
 * of real SDKs) must normalize without an error into a sane event. The corpus sits beside the
 * repository (../shared) on developer machines and CI, not in a user's clone: without it these
 * tests skip. FAULTLINE_CORPUS_DIR points them elsewhere.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { LEVELS, parseEnvelope } from '@faultline/protocol';
import type { SentryEvent } from '@faultline/protocol';
import { normalizeEvent } from '../../src/digest/normalize.js';
import { computeGrouping } from '../../src/digest/grouping/registry.js';
import { summarizeEvent } from '../../src/digest/summarize.js';

/** From dist/test/digest/ up to the directory holding the repository, then shared/corpus. */
const CORPUS =
  process.env['FAULTLINE_CORPUS_DIR'] ??
  fileURLToPath(new URL('../../../../../../shared/corpus/', import.meta.url));
const SAMPLES = path.join(CORPUS, 'sentry-samples');
const CAPTURES = path.join(CORPUS, 'captures');
const RECEIVED_AT = 1767225600;
const HINTS = { eventId: 'c0ffee00c0ffee00c0ffee00c0ffee00', receivedAt: RECEIVED_AT };

function assertSane(event: SentryEvent, what: string): void {
  assert.match(event.event_id, /^[0-9a-f]{32}$/, what);
  assert.ok(Number.isFinite(event.timestamp) && event.timestamp <= RECEIVED_AT + 60, what);
  assert.ok(LEVELS.includes(event.level), what);
  assert.ok(typeof event.platform === 'string' && event.platform !== '', what);
  const summary = summarizeEvent(event);
  assert.ok(summary.title.length > 0 && summary.title.length <= 200, what);
  assert.match(computeGrouping(event).hash, /^[0-9a-f]{32}$/, what);
  // Stored as JSON: it must survive the round trip unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(event)), event, what);
}

describe('the shared corpus normalizes', () => {
  it('every Sentry sample event', (t) => {
    if (!existsSync(SAMPLES)) return t.skip(`no corpus at ${SAMPLES}`);
    const files = readdirSync(SAMPLES).filter((file) => file.endsWith('.json'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8'));
      assertSane(normalizeEvent(raw, HINTS), file);
    }
  });

  it('every event captured from a real SDK', (t) => {
    if (!existsSync(CAPTURES)) return t.skip(`no corpus at ${CAPTURES}`);
    let events = 0;
    for (const sdk of readdirSync(CAPTURES)) {
      const dir = path.join(CAPTURES, sdk);
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.body'))) {
        let body = readFileSync(path.join(dir, file));
        if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
        const meta: unknown = JSON.parse(
          readFileSync(path.join(dir, file.replace('.body', '.meta.json')), 'utf8'),
        );
        const isStore = JSON.stringify(meta).includes('/store/');
        const payloads = isStore
          ? [body]
          : parseEnvelope(body)
              .items.filter((item) => item.headers.type === 'event')
              .map((item) => item.payload);
        for (const payload of payloads) {
          const raw: unknown = JSON.parse(Buffer.from(payload).toString('utf8'));
          assertSane(normalizeEvent(raw, HINTS), `${sdk}/${file}`);
          events++;
        }
      }
    }
    assert.ok(events > 0);
  });
});
