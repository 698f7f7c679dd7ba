/**
 * The parsed-map cache is bounded by bytes: the least recently used maps leave first, a map
 * bigger than the whole budget is never kept, and failures are remembered cheaply.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParsedMapCache } from '../../../src/digest/symbolicate/parsed-map-cache.js';
import type { ParsedMap } from '../../../src/digest/symbolicate/parsed-map.js';
import { MapParseError, parseSourceMap } from '../../../src/digest/symbolicate/parsed-map.js';
import { originalNameAt } from '../../../src/digest/symbolicate/function-name.js';
import { DEFAULT_SYMBOLICATE_OPTIONS } from '../../../src/digest/symbolicate/symbolicate-options.js';
import { unmapped } from '../../../src/digest/symbolicate/unmapped-reason.js';

function mapOf(byteSize: number): ParsedMap {
  return { byteSize } as ParsedMap;
}

describe('ParsedMapCache', () => {
  it('evicts the least recently used maps to stay within its bytes', () => {
    const cache = new ParsedMapCache(1000);
    cache.set('a', { ok: true, map: mapOf(400) });
    cache.set('b', { ok: true, map: mapOf(400) });
    assert.ok(cache.get('a')); // a is now the most recent
    cache.set('c', { ok: true, map: mapOf(400) });
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a'));
    assert.ok(cache.get('c'));
    assert.deepEqual(cache.stats(), {
      entries: 2,
      bytes: 800,
      maxBytes: 1000,
      hits: 3,
      misses: 1,
      evictions: 1,
    });
  });

  it('keeps nothing bigger than its budget, and replaces an entry in place', () => {
    const cache = new ParsedMapCache(1000);
    cache.set('huge', { ok: true, map: mapOf(1001) });
    assert.equal(cache.get('huge'), undefined);
    cache.set('a', { ok: true, map: mapOf(300) });
    cache.set('a', { ok: false, reason: unmapped('map_invalid', 'x') });
    assert.equal(cache.stats().bytes, 512);
  });

  it('charges a parsed map for its segments, lines and sources', () => {
    const content = 'x'.repeat(10_000);
    const map = parseSourceMap(
      {
        map: JSON.stringify({
          version: 3,
          sources: ['a.js'],
          sourcesContent: [content],
          names: [],
          mappings: 'AAAA,CAAC;AACA',
        }),
      },
      DEFAULT_SYMBOLICATE_OPTIONS,
    );
    assert.ok(map.byteSize > 2 * content.length, String(map.byteSize));
    assert.deepEqual(map.sourceLines(0), [content]);
    assert.equal(map.sourceLines(5), undefined);
  });

  it('reads an index map (sections) and refuses nested ones', () => {
    const inner = { version: 3, sources: ['b.js'], names: ['run'], mappings: 'AAAAA' };
    const indexed = {
      version: 3,
      sections: [{ offset: { line: 3, column: 0 }, map: inner }],
    };
    const map = parseSourceMap({ map: JSON.stringify(indexed) }, DEFAULT_SYMBOLICATE_OPTIONS);
    assert.equal(originalNameAt(map, 3, 0), 'run');
    assert.equal(originalNameAt(map, 0, 0), undefined);
    const nested = { version: 3, sections: [{ offset: { line: 0, column: 0 }, map: indexed }] };
    assert.throws(
      () => parseSourceMap({ map: JSON.stringify(nested) }, DEFAULT_SYMBOLICATE_OPTIONS),
      (error: unknown) => error instanceof MapParseError && error.reason.code === 'map_invalid',
    );
  });
});
