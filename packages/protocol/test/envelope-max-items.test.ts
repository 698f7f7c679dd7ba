import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvelopeError, parseEnvelope } from '../src/envelope.js';

const encoder = new TextEncoder();

function items(count: number, tail = ''): Uint8Array {
  return encoder.encode(`{}\n${'{"type":"x"}\n{}\n'.repeat(count)}${tail}`);
}

describe('parseEnvelope: maxItems', () => {
  it('reads up to maxItems items', () => {
    assert.equal(parseEnvelope(items(3), { maxItems: 3 }).items.length, 3);
    assert.equal(parseEnvelope(items(3)).items.length, 3);
  });

  it('refuses the item after maxItems with too_many_items, without reading on', () => {
    // The rest of the body is not even an envelope: had the parser read on, it would say so.
    for (const body of [items(4), items(300_000), items(3, 'not json\n')]) {
      assert.throws(
        () => parseEnvelope(body, { maxItems: 3 }),
        (error: unknown) => {
          assert.ok(error instanceof EnvelopeError);
          assert.equal(error.code, 'too_many_items');
          assert.equal(error.message, 'more than 3 items in one envelope (item 3 and on)');
          return true;
        },
      );
    }
  });
});
