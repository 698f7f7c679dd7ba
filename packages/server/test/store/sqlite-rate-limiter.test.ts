import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/store/sqlite/rate-limiter.js';

describe('RateLimiter', () => {
  const limit = { count: 2, windowSeconds: 60 };

  it('allows up to the count in a window, then says when the window ends', () => {
    const limiter = new RateLimiter();
    const t0 = 60_000 * 29_000_000; // a window boundary (a multiple of 60 s)
    assert.deepEqual(limiter.take('k', limit, 1, t0), { allowed: true });
    assert.deepEqual(limiter.take('k', limit, 1, t0 + 1000), { allowed: true });
    assert.deepEqual(limiter.take('k', limit, 1, t0 + 15_000), {
      allowed: false,
      retryAfterSeconds: 45,
    });
    assert.deepEqual(limiter.take('k', limit, 1, t0 + 60_000), { allowed: true }, 'a new window');
  });

  it('keeps separate counters per id, and no limit means always allowed', () => {
    const limiter = new RateLimiter();
    limiter.take('a', limit, 2, 0);
    assert.equal(limiter.take('a', limit, 1, 0).allowed, false);
    assert.equal(limiter.take('b', limit, 1, 0).allowed, true);
    for (let i = 0; i < 100; i++) assert.equal(limiter.take('c', undefined, 1, 0).allowed, true);
  });

  it('gives back a refused request’s count', () => {
    const limiter = new RateLimiter();
    limiter.take('a', limit, 2, 0);
    limiter.giveBack('a', 1);
    assert.equal(limiter.take('a', limit, 1, 0).allowed, true);
  });

  it('holds at most maxCounters, forgetting the least recently used', () => {
    const limiter = new RateLimiter({ maxCounters: 100 });
    const t0 = 60_000 * 29_000_000;
    limiter.take('busy', limit, 1, t0);
    for (let n = 0; n < 10_000; n++) {
      limiter.take(`login:${n}@example.com`, limit, 1, t0);
      if (n % 50 === 0) limiter.take('busy', limit, 0, t0); // in use: never the oldest
      assert.ok(limiter.size <= 100, `${limiter.size} counters after ${n + 1} scopes`);
    }
    assert.equal(limiter.take('busy', limit, 1, t0).allowed, true);
    assert.equal(limiter.take('busy', limit, 1, t0).allowed, false, 'its count was kept');
  });

  it('sweeps counters whose window ended', () => {
    const limiter = new RateLimiter({ sweepIntervalMs: 60_000 });
    const t0 = 60_000 * 29_000_000;
    for (let n = 0; n < 1000; n++) limiter.take(`login:${n}`, limit, 1, t0 + 1);
    limiter.take('long', { count: 5, windowSeconds: 3600 }, 1, t0 + 1);
    assert.equal(limiter.size, 1001);
    limiter.take('later', limit, 1, t0 + 120_000);
    assert.equal(limiter.size, 2, 'the hour-long window and the new one are left');
  });
});
