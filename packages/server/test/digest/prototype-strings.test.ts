/**
 * Strings that name members of every plain object (`constructor`, `__proto__`, `toString`, …)
 * are data like any other in every digest step: never looked up in Object.prototype, never
 * turned into a prototype when used as a key. test/digest/prototype-strings-http.test.ts sends
 * the same events to a real server.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeGrouping } from '../../src/digest/grouping/registry.js';
import { normalizeEvent } from '../../src/digest/normalize.js';
import { formatMessage } from '../../src/digest/normalize/format-message.js';
import { parseLevel } from '../../src/digest/normalize/level.js';
import { scrubEvent } from '../../src/digest/scrub.js';
import { summarizeEvent } from '../../src/digest/summarize.js';
import {
  assertKeptEverywhere,
  cspReportWith,
  eventWithEverywhere,
  legacyEventWithEverywhere,
  PROTOTYPE_STRINGS,
} from '../helpers/prototype-strings.js';

const EVENT_ID = 'c'.repeat(32);
const HINTS = { eventId: EVENT_ID, receivedAt: 1_767_225_600 };
/** As digest sees a payload: parsed from JSON text. */
const parsed = (raw: Record<string, unknown>) => JSON.parse(JSON.stringify(raw)) as unknown;

describe('digest steps with the names of Object.prototype members', () => {
  for (const word of PROTOTYPE_STRINGS) {
    for (const [shape, build] of [
      ['modern', eventWithEverywhere],
      ['legacy', legacyEventWithEverywhere],
    ] as const)
      it(`keeps ${word} as data through normalize, scrub, group and summarize (${shape} names)`, () => {
        const event = normalizeEvent(parsed(build(word, EVENT_ID)), HINTS);
        scrubEvent(event, { enabled: true, extraFields: [] });
        assertKeptEverywhere(event as unknown as Record<string, unknown>, word);
        const grouping = computeGrouping(event);
        assert.match(grouping.hash, /^[0-9a-f]{32}$/);
        assert.equal(grouping.components.id, 'fingerprint');
        assert.deepEqual(summarizeEvent(event), {
          title: `${word}: ${word}`,
          culprit: `${word} in ${word}`,
          type: word,
          value: word,
        });
      });

    it(`titles a CSP report whose directive is ${word} by that directive`, () => {
      const event = normalizeEvent(parsed(cspReportWith(word, EVENT_ID)), HINTS);
      assert.equal(summarizeEvent(event).title, `Blocked '${word}' from '${word}'`);
    });

    it(`reads ${word} as no level, and fills a {${word}} placeholder only from an own parameter`, () => {
      assert.equal(parseLevel(word), undefined);
      assert.equal(parseLevel(word.toUpperCase()), undefined);
      assert.equal(formatMessage(`{${word}}`, {}, 8192), `{${word}}`);
      const params = JSON.parse(`{${JSON.stringify(word)}: "x"}`) as Record<string, unknown>;
      assert.equal(formatMessage(`{${word}}`, params, 8192), 'x');
    });
  }
});
