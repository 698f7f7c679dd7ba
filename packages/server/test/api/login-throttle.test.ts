/**
 * Password guessing is throttled per account AND address: a stranger's failures lock out the
 * stranger, not the account's owner logging in from elsewhere; repeated failures wait longer and
 * longer; a wrong current password when changing it counts like a failed login.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loginCounters, throttledPasswordCheck } from '../../src/api/login-throttle.js';
import { ApiError } from '../../src/api/errors.js';
import { RateLimiter } from '../../src/store/sqlite/rate-limiter.js';
import { LOGIN_COUNTERS } from '../../src/store/rate-window-lifetimes.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, login } from '../helpers/api-client.js';
import { callFrom } from '../helpers/call-from.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const STRANGER = '127.0.0.2';
const OWNER = '127.0.0.3';

describe('login throttle', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  });
  after(() => server.stop());

  const loginFrom = (address: string, password: string, email = ADMIN_EMAIL) =>
    callFrom(address, server, 'POST', '/api/0/auth/login/', { body: { email, password } });

  it("a stranger's failures lock out the stranger, not the owner logging in from elsewhere", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 15; attempt++) {
      const response = await loginFrom(STRANGER, `guess ${attempt}`);
      statuses.push(response.status);
      if (response.status === 429) {
        assert.ok(Number(response.headers.get('retry-after')) > 0);
        assert.equal(response.body.error.code, 'too_many_requests');
      }
    }
    assert.deepEqual(statuses.slice(0, 5), Array(5).fill(401));
    assert.deepEqual(statuses.slice(5), Array(10).fill(429));
    // Even the right password waits, from the stranger's address: it may be a lucky guess.
    assert.equal((await loginFrom(STRANGER, ADMIN_PASSWORD)).status, 429);
    assert.equal((await loginFrom(OWNER, ADMIN_PASSWORD)).status, 200);
  });

  it('a wrong current password, when changing it, counts like a failed login', async () => {
    const address = '127.0.0.4';
    const session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const response = await callFrom(address, server, 'PUT', '/api/0/auth/password/', {
        as: session,
        body: { currentPassword: `guess ${attempt}`, newPassword: 'never set this one' },
      });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(3).fill(429)]);
    // The same account from that address cannot log in either: the guesses were counted.
    assert.equal((await loginFrom(address, ADMIN_PASSWORD)).status, 429);
  });

  it('many logins at once, each from its own address: the rest are told to retry in a moment', async () => {
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, n) =>
        loginFrom(`127.0.1.${n + 1}`, `wrong ${n}`, `nobody-${n}@example.com`),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    const busy = answers.filter((answer) => answer.status === 429);
    // Two hashing and forty waiting at a time; the others come back at once (how many depends on
    // how many arrive before the first hashes are done).
    assert.ok(busy.length > 0, `${statuses}`);
    assert.ok(statuses.filter((status) => status === 401).length >= 42, `${statuses}`);
    assert.equal(busy.length + statuses.filter((status) => status === 401).length, 80);
    for (const answer of busy) {
      assert.equal(answer.body.error.code, 'too_many_requests');
      assert.equal(answer.headers.get('retry-after'), '1');
    }
    assert.equal((await loginFrom(OWNER, ADMIN_PASSWORD)).status, 200, 'and logins go on');
  });
});

describe('login throttle backoff', () => {
  /** The real limiter with a clock the test moves. */
  function clockedLimiter() {
    const limiter = new RateLimiter();
    const clock = { nowMs: 3600_000 * 24 * 20_000 }; // a day's boundary: every window starts
    return {
      clock,
      store: {
        takeRateLimit: async (...[scope, limit, quantity]: [string, any, number]) =>
          limiter.take(scope, limit, quantity, clock.nowMs),
        returnRateLimit: async (scope: string, quantity: number) =>
          limiter.giveBack(scope, quantity),
      },
    };
  }

  async function failuresUntilRefused(
    store: ReturnType<typeof clockedLimiter>['store'],
  ): Promise<{ allowed: number; retryAfter: number }> {
    for (let allowed = 0; allowed < 1000; allowed++) {
      try {
        await throttledPasswordCheck(store, ADMIN_EMAIL, '192.0.2.1', async () => false);
      } catch (error) {
        assert.ok(error instanceof ApiError && error.code === 'too_many_requests');
        return { allowed, retryAfter: error.retryAfter! };
      }
    }
    throw new Error('never refused');
  }

  it('makes a guesser at one account from one address wait longer and longer', async () => {
    const { clock, store } = clockedLimiter();
    const start = clock.nowMs;
    const waits: number[] = [];
    let guesses = 0;
    let firstHour = 0;
    // A guesser who tries again the moment the last 429's Retry-After has passed, for a day.
    while (clock.nowMs < start + 24 * 3600_000) {
      const { allowed, retryAfter } = await failuresUntilRefused(store);
      guesses += allowed;
      if (clock.nowMs < start + 3600_000) firstHour += allowed;
      waits.push(retryAfter);
      clock.nowMs += retryAfter * 1000;
    }
    assert.deepEqual(waits.slice(0, 2), [60, 15 * 60 - 60], 'a minute, then the quarter hour');
    assert.ok(
      waits.some((wait) => wait >= 3600 - 15 * 60 - 60 && wait < 3600),
      `${waits}`,
    );
    assert.ok(Math.max(...waits) > 3600, `${waits}`);
    assert.equal(firstHour, 20);
    assert.equal(guesses, 50, 'a day');
    // Another address is not held up by any of it.
    assert.equal(
      await throttledPasswordCheck(store, ADMIN_EMAIL, '192.0.2.2', async () => true),
      true,
    );
  });

  it('counts only the login family, with windows the stores may forget after a day', () => {
    for (const { scope, limit } of loginCounters('A@Example.com', '::ffff:127.0.0.2')) {
      assert.ok(scope.startsWith(LOGIN_COUNTERS.prefix), scope);
      assert.ok(limit.windowSeconds <= LOGIN_COUNTERS.longestWindowSeconds);
      assert.ok(!scope.includes('example.com'), 'the email is hashed');
    }
  });

  it('counts an IPv6 client by its /64 and a mapped IPv4 client by its IPv4 address', () => {
    const scopes = (address: string) => loginCounters('a@example.com', address).map((c) => c.scope);
    assert.deepEqual(scopes('2001:db8:1:2::1'), scopes('2001:db8:1:2:ffff:1:2:3'));
    assert.notDeepEqual(scopes('2001:db8:1:2::1'), scopes('2001:db8:1:3::1'));
    assert.deepEqual(scopes('::ffff:127.0.0.2'), scopes('127.0.0.2'));
  });
});
