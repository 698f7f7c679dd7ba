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
});
