import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkJsonShape } from '../../src/ingest/json-shape.js';

const shape = (text: string, maxDepth = 5) => checkJsonShape(Buffer.from(text), maxDepth);

describe('checkJsonShape', () => {
  it('accepts objects, with whitespace around them', () => {
    assert.equal(shape('{}'), 'object');
    assert.equal(shape(' \n{"a": [1, {"b": null}]}\n '), 'object');
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    assert.equal(
      shape('{"a": "}}]]{{[[", "b": "quote \\" still inside {", "c": "\\\\"}'),
      'object',
    );
    assert.equal(shape(`{"a": "${'['.repeat(100)}"}`), 'object');
  });

  it('refuses what is not an object', () => {
    for (const text of ['[]', '"text"', '42', 'null', 'true'])
      assert.equal(shape(text), 'not_object', text);
  });

  it('refuses unbalanced or trailing content and empty input', () => {
    for (const text of ['', '   ', '{', '{"a": [}', '{"a": "unterminated}', '{} {}', '{}x']) {
      assert.equal(shape(text), 'invalid', JSON.stringify(text));
    }
  });

  it('counts depth across objects and arrays and stops at the limit', () => {
    assert.equal(shape('{"a":{"b":{"c":{"d":[1]}}}}'), 'object'); // depth 5
    assert.equal(shape('{"a":{"b":{"c":{"d":[[1]]}}}}'), 'too_deep'); // depth 6
    assert.equal(checkJsonShape(Buffer.from(`{"a":${'['.repeat(100_000)}`), 256), 'too_deep');
  });
});
