import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TtlCache } from '../../src/ingest/ttl-cache.js';

describe('TtlCache', () => {
  it('caches hits and misses until they expire', async () => {
    const cache = new TtlCache<string | undefined>(1000, 10);
    let loads = 0;
    const load = async () => {
      loads++;
      return undefined;
    };
    await cache.get('k', load, 0);
    await cache.get('k', load, 999);
    assert.equal(loads, 1);
    await cache.get('k', load, 1000);
    assert.equal(loads, 2);
  });

  it('drops expired entries as it is used, not only when full', async () => {
    const cache = new TtlCache<number>(1000, 10_000);
    for (let i = 0; i < 500; i++) await cache.get(`dead-${i}`, async () => i, i);
    assert.equal(cache.size, 500);
    await cache.get('fresh', async () => 0, 1600);
    // Every entry stored at 0..499 has expired by 1600: only the fresh one is left.
    assert.equal(cache.size, 1);
  });

  it('holds at most its maximum of entries, dropping the oldest', async () => {
    const cache = new TtlCache<number>(60_000, 3);
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => i, i);
    assert.equal(cache.size, 3);
    let loaded = false;
    await cache.get('k9', async () => ((loaded = true), 9), 20);
    assert.equal(loaded, false);
  });
});
