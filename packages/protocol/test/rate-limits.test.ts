import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dataCategoryForItemType,
  formatRateLimits,
  isRateLimited,
  parseRateLimits,
  parseRetryAfter,
  updateRateLimitState,
} from '../src/rate-limits.js';
import type { RateLimitState } from '../src/rate-limits.js';

const NOW = 1_795_588_866_000;

describe('dataCategoryForItemType', () => {
  it('maps every known item type', () => {
    const expected: Record<string, string> = {
      event: 'error',
      transaction: 'transaction',
      attachment: 'attachment',
      session: 'session',
      sessions: 'session',
      profile: 'profile',
      profile_chunk: 'profile',
      replay_event: 'replay',
      replay_recording: 'replay',
      replay_video: 'replay',
      check_in: 'monitor',
      span: 'span',
      log: 'log_item',
      feedback: 'feedback',
      user_report: 'feedback',
      client_report: 'internal',
      statsd: 'metric_bucket',
      metric_buckets: 'metric_bucket',
      security: 'security',
      raw_security: 'security',
    };
    for (const [type, category] of Object.entries(expected)) {
      assert.equal(dataCategoryForItemType(type), category, type);
    }
  });

  it('maps anything else to default, prototype names included', () => {
    for (const type of [
      '',
      'unknown',
      'Event',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]) {
      assert.equal(dataCategoryForItemType(type), 'default', type);
    }
  });
});

describe('formatRateLimits', () => {
  it('writes the X-Sentry-Rate-Limits header', () => {
    assert.equal(
      formatRateLimits([
        {
          retryAfterSeconds: 60,
          categories: ['error', 'default'],
          scope: 'key',
          reasonCode: 'quota_exceeded',
        },
        { retryAfterSeconds: 10, categories: [], scope: 'organization' },
      ]),
      '60:error;default:key:quota_exceeded, 10::organization',
    );
  });

  it('rounds fractions of a second up, never down to 0', () => {
    assert.equal(
      formatRateLimits([{ retryAfterSeconds: 0.2, categories: [], scope: 'key' }]),
      '1::key',
    );
    assert.equal(
      formatRateLimits([{ retryAfterSeconds: 59.01, categories: ['error'], scope: 'project' }]),
      '60:error:project',
    );
  });

  it('writes nothing for no limits', () => {
    assert.equal(formatRateLimits([]), '');
  });
});

describe('parseRateLimits', () => {
  it('reads the header', () => {
    assert.deepEqual(parseRateLimits('60:error;default:key:quota_exceeded, 10::organization'), [
      {
        retryAfterSeconds: 60,
        categories: ['error', 'default'],
        scope: 'key',
        reasonCode: 'quota_exceeded',
      },
      { retryAfterSeconds: 10, categories: [], scope: 'organization' },
    ]);
  });

  it('round-trips with formatRateLimits', () => {
    const header =
      '60:error;default:key:quota_exceeded, 10::organization, 2700:transaction:project';
    assert.equal(formatRateLimits(parseRateLimits(header)), header);
  });

  it('tolerates spaces, fractions, a missing scope and extra fields', () => {
    assert.deepEqual(
      parseRateLimits(' 2.5 : error ; span : key ,60,120:metric_bucket:organization:quota:custom'),
      [
        { retryAfterSeconds: 2.5, categories: ['error', 'span'], scope: 'key' },
        { retryAfterSeconds: 60, categories: [], scope: '' },
        {
          retryAfterSeconds: 120,
          categories: ['metric_bucket'],
          scope: 'organization',
          reasonCode: 'quota',
        },
      ],
    );
  });

  it('skips malformed entries and keeps the others', () => {
    assert.deepEqual(
      parseRateLimits(
        'abc:error:key, , -1:error:key, :error:key, 0x10::key, 1e3::key, 30:span:key,',
      ),
      [{ retryAfterSeconds: 30, categories: ['span'], scope: 'key' }],
    );
    assert.deepEqual(parseRateLimits(''), []);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds as milliseconds', () => {
    assert.equal(parseRetryAfter('120', NOW), 120_000);
    assert.equal(parseRetryAfter(' 5 ', NOW), 5_000);
    assert.equal(parseRetryAfter('1.5', NOW), 1_500);
    assert.equal(parseRetryAfter('0', NOW), 0);
  });

  it('reads an HTTP date', () => {
    assert.equal(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW), 90_000);
    assert.equal(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 0)),
      60_000,
    );
  });

  it('reads a date in the past as no wait', () => {
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW), 0);
  });

  it('returns undefined when absent or unreadable', () => {
    for (const value of [undefined, null, '', '  ', 'soon', '-5', '1.2.3', 'Tuesday-ish']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, String(value));
    }
  });
});

describe('updateRateLimitState', () => {
  it('applies X-Sentry-Rate-Limits, even on a 200', () => {
    const state = updateRateLimitState(
      {},
      { status: 200, rateLimitsHeader: '60:error;default:key, 10::organization' },
      NOW,
    );
    assert.deepEqual(state, { error: NOW + 60_000, default: NOW + 60_000, all: NOW + 10_000 });
  });

  it('lets X-Sentry-Rate-Limits win over Retry-After', () => {
    const state = updateRateLimitState(
      {},
      { status: 429, rateLimitsHeader: '30:transaction:key', retryAfterHeader: '3600' },
      NOW,
    );
    assert.deepEqual(state, { transaction: NOW + 30_000 });
  });

  it('disables everything for Retry-After seconds on a 429', () => {
    assert.deepEqual(updateRateLimitState({}, { status: 429, retryAfterHeader: '30' }, NOW), {
      all: NOW + 30_000,
    });
  });

  it('disables everything until a Retry-After HTTP date on a 429', () => {
    const state = updateRateLimitState(
      {},
      { status: 429, retryAfterHeader: new Date(NOW + 120_000).toUTCString() },
      NOW,
    );
    assert.deepEqual(state, { all: NOW + 120_000 });
  });

  it('backs off everything for 60 s on a bare 429', () => {
    const expected = { all: NOW + 60_000 };
    assert.deepEqual(updateRateLimitState({}, { status: 429 }, NOW), expected);
    assert.deepEqual(
      updateRateLimitState(
        {},
        { status: 429, rateLimitsHeader: null, retryAfterHeader: null },
        NOW,
      ),
      expected,
    );
    assert.deepEqual(
      updateRateLimitState({}, { status: 429, retryAfterHeader: 'later' }, NOW),
      expected,
    );
    assert.deepEqual(
      updateRateLimitState({}, { status: 429, rateLimitsHeader: '' }, NOW),
      expected,
    );
    assert.deepEqual(
      updateRateLimitState({}, { status: 429, rateLimitsHeader: 'garbage' }, NOW),
      expected,
    );
  });

  it('ignores Retry-After without a 429', () => {
    assert.deepEqual(updateRateLimitState({}, { status: 503, retryAfterHeader: '30' }, NOW), {});
    assert.deepEqual(updateRateLimitState({}, { status: 200 }, NOW), {});
  });

  it('returns a new state and drops expired limits', () => {
    const before: RateLimitState = { error: NOW + 5_000, span: NOW - 1, all: NOW };
    const after = updateRateLimitState(before, { status: 200 }, NOW);
    assert.deepEqual(after, { error: NOW + 5_000 });
    assert.notEqual(after, before);
    assert.deepEqual(before, { error: NOW + 5_000, span: NOW - 1, all: NOW });
  });

  it('lets a newer limit for a category replace the older one, shorter or longer', () => {
    const before: RateLimitState = { error: NOW + 100_000, span: NOW + 1_000 };
    const after = updateRateLimitState(
      before,
      { status: 200, rateLimitsHeader: '10:error:key, 50:span:key' },
      NOW,
    );
    assert.deepEqual(after, { error: NOW + 10_000, span: NOW + 50_000 });
  });

  it('keeps the longer of two entries for a category in one header', () => {
    const state = updateRateLimitState(
      {},
      {
        status: 429,
        rateLimitsHeader: '60:error:key, 3600:error;span:organization, 5:error:project',
      },
      NOW,
    );
    assert.deepEqual(state, { error: NOW + 3_600_000, span: NOW + 3_600_000 });
  });
});

describe('isRateLimited', () => {
  const state: RateLimitState = { error: NOW + 1_000, transaction: NOW - 1 };

  it('checks the category', () => {
    assert.equal(isRateLimited(state, 'error', NOW), true);
    assert.equal(isRateLimited(state, 'error', NOW + 999), true);
    assert.equal(isRateLimited(state, 'transaction', NOW), false);
    assert.equal(isRateLimited(state, 'span', NOW), false);
  });

  it('ends a limit exactly at its time', () => {
    assert.equal(isRateLimited(state, 'error', NOW + 1_000), false);
  });

  it('applies `all` to every category', () => {
    const all: RateLimitState = { all: NOW + 60_000 };
    for (const category of ['error', 'default', 'span', 'anything']) {
      assert.equal(isRateLimited(all, category, NOW), true, category);
    }
    assert.equal(isRateLimited(all, 'error', NOW + 60_000), false);
  });

  it('is not fooled by prototype names', () => {
    for (const category of ['constructor', '__proto__', 'toString', 'valueOf']) {
      assert.equal(isRateLimited({}, category, NOW), false, category);
    }
  });

  it('works on a state built from responses', () => {
    let limits: RateLimitState = {};
    limits = updateRateLimitState(limits, { status: 200, rateLimitsHeader: '60:error:key' }, NOW);
    assert.equal(isRateLimited(limits, 'error', NOW + 30_000), true);
    assert.equal(isRateLimited(limits, 'transaction', NOW + 30_000), false);
    limits = updateRateLimitState(limits, { status: 429 }, NOW + 30_000);
    assert.equal(isRateLimited(limits, 'transaction', NOW + 60_000), true);
    assert.equal(isRateLimited(limits, 'transaction', NOW + 90_000), false);
  });
});
