/**
 * Grouping v1 is released: every stored v1 hash must keep leading to its issue. These hashes were
 * computed by v1 before v2 existed; a change in v1 or in a helper it imports fails here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent } from '@faultline/protocol';
import { computeGrouping } from '../../src/digest/grouping/registry.js';
import { eventWith } from '../helpers/event-with.js';
import {
  browserBundle,
  flaskLambda,
  rubyErbView,
  sentryNode11Handler,
  sentryNode7Handler,
  sentryNodeModuleCode,
} from '../fixtures/grouping-shapes.js';

const PINNED: ReadonlyArray<[string, SentryEvent, string]> = [
  [
    'node 7 anonymous handler',
    sentryNode7Handler("app.get('/a', (req, res) => { throw x })", 12),
    'd7e564bc6b550640930d3b5e4d022161',
  ],
  [
    'node 7 named handler',
    sentryNode7Handler('  throw new Error()', 40, 'checkout'),
    '47eec2f9b7451f2c20f0f450b977c901',
  ],
  [
    'node module code',
    sentryNodeModuleCode('require("./boot")();', 3),
    '7460642dd3c50bd761dfbe9c22c45a5a',
  ],
  [
    'flask lambda',
    flaskLambda("app.add_url_rule('/a', view_func=lambda: 1 / 0)", 8),
    'a6bdb41aa7b78cc10333c328585b9875',
  ],
  [
    'browser bundle',
    browserBundle('TypeError', 'a is undefined', { lineno: 1, colno: 5123 }),
    'bcb224cbcbfb9ea3f6ce62346202749a',
  ],
  [
    'node 11 handler',
    sentryNode11Handler('  try { loadCart(req.params.id); }', 12),
    '2dc90dfd5f92653bbb7942f5c0b10d56',
  ],
  ['ruby erb view', rubyErbView('___3456789012_70244'), 'd67a2a77b759c113206325a2e9de9d0c'],
  [
    'message',
    eventWith({ logentry: { message: 'cart %s not found', formatted: 'cart 9 not found' } }),
    'ad106a9091ad6b51badeac25fce77be8',
  ],
  [
    'fingerprint',
    eventWith({ fingerprint: ['{{ default }}', 'checkout'], message: 'x' } as Partial<SentryEvent>),
    'ce2f86ad64e377fd826cedf2f8cc7a88',
  ],
  ['title only', eventWith({}), '9e3de86a66f070fd902d5b5414d51d8c'],
  [
    'chain without frames',
    eventWith({
      exception: {
        values: [
          { type: 'DbError', value: 'timeout after 30s' },
          {
            type: 'Error',
            value: 'checkout 12 failed',
            mechanism: { type: 'generic', synthetic: true },
          },
        ],
      },
    }),
    '72b9ee583e58a36cb049afa8bb055995',
  ],
];

describe('grouping v1 is frozen', () => {
  for (const [name, event, hash] of PINNED) {
    it(`${name} keeps its v1 hash`, () => {
      assert.equal(computeGrouping(event, 'v1').hash, hash);
    });
  }
});
