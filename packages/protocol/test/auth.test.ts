import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authFromQuery, formatAuthHeader, parseAuthHeader } from '../src/auth.js';

describe('parseAuthHeader', () => {
  it('reads the header sentry-python sends', () => {
    assert.deepEqual(
      parseAuthHeader(
        'Sentry sentry_key=abc123, sentry_version=7, sentry_client=sentry.python/1.9.10',
      ),
      { sentryKey: 'abc123', sentryVersion: '7', sentryClient: 'sentry.python/1.9.10' },
    );
  });

  it('takes the pairs in any order, with or without spaces', () => {
    const expected = { sentryKey: 'abc', sentryVersion: '7', sentryClient: 'x/1' };
    for (const header of [
      'Sentry sentry_version=7, sentry_client=x/1, sentry_key=abc',
      'Sentry sentry_client=x/1,sentry_key=abc,sentry_version=7',
      'Sentry   sentry_key = abc ,  sentry_version= 7,sentry_client =x/1  ',
      '  Sentry\tsentry_key=abc,\tsentry_version=7, sentry_client=x/1',
    ]) {
      assert.deepEqual(parseAuthHeader(header), expected, header);
    }
  });

  it('reads the scheme in any case', () => {
    assert.deepEqual(parseAuthHeader('sentry sentry_key=a'), { sentryKey: 'a' });
    assert.deepEqual(parseAuthHeader('SENTRY SENTRY_KEY=a'), { sentryKey: 'a' });
  });

  it('unquotes quoted values', () => {
    assert.deepEqual(parseAuthHeader('Sentry sentry_key="abc", sentry_version="7"'), {
      sentryKey: 'abc',
      sentryVersion: '7',
    });
    // A lone quote is not a quoted value.
    assert.deepEqual(parseAuthHeader('Sentry sentry_key="'), { sentryKey: '"' });
  });

  it('keeps the secret of raven-era clients and ignores their timestamp', () => {
    assert.deepEqual(
      parseAuthHeader(
        'Sentry sentry_timestamp=1329096377, sentry_client=raven-python/1.0, sentry_version=6, sentry_key=pub, sentry_secret=sec',
      ),
      {
        sentryClient: 'raven-python/1.0',
        sentryVersion: '6',
        sentryKey: 'pub',
        sentrySecret: 'sec',
      },
    );
  });

  it('ignores unknown pairs, pairs without "=", empty values, and prototype names', () => {
    const auth = parseAuthHeader(
      'Sentry foo=bar, junk, sentry_key=, __proto__=x, constructor=y, toString=z, sentry_version=7',
    );
    assert.deepEqual(auth, { sentryVersion: '7' });
    assert.equal(Object.getPrototypeOf(auth), Object.prototype);
  });

  it('keeps everything after the first "=" in a value', () => {
    assert.deepEqual(parseAuthHeader('Sentry sentry_client=a=b'), { sentryClient: 'a=b' });
  });

  it('lets the last of a repeated pair win', () => {
    assert.deepEqual(parseAuthHeader('Sentry sentry_key=a, sentry_key=b'), { sentryKey: 'b' });
  });

  it('reads a bare scheme as a Sentry header without pairs', () => {
    assert.deepEqual(parseAuthHeader('Sentry'), {});
    assert.deepEqual(parseAuthHeader('Sentry '), {});
  });

  it('returns undefined for anything that is not a Sentry auth header', () => {
    for (const header of [
      '',
      'Bearer abc',
      'Basic dXNlcjpwYXNz',
      'sentry_key=abc, sentry_version=7',
      'Sentryish sentry_key=abc',
      'X Sentry sentry_key=abc',
    ]) {
      assert.equal(parseAuthHeader(header), undefined, header);
    }
  });
});

describe('authFromQuery', () => {
  it('reads the query string @sentry/node sends', () => {
    const url = new URL(
      'http://h/api/42/envelope/?sentry_version=7&sentry_key=abc123&sentry_client=sentry.javascript.node%2F11.12.0',
    );
    assert.deepEqual(authFromQuery(url.searchParams), {
      sentryVersion: '7',
      sentryKey: 'abc123',
      sentryClient: 'sentry.javascript.node/11.12.0',
    });
  });

  it('reads the secret and ignores empty and unknown parameters', () => {
    assert.deepEqual(
      authFromQuery(new URLSearchParams('sentry_key=&sentry_secret=s&other=1&sentry_version=7')),
      { sentrySecret: 's', sentryVersion: '7' },
    );
  });

  it('returns an empty object without parameters', () => {
    assert.deepEqual(authFromQuery(new URLSearchParams('')), {});
  });
});

describe('formatAuthHeader', () => {
  it('writes the pairs in the order SDKs use', () => {
    assert.equal(
      formatAuthHeader({ sentryKey: 'abc', sentryClient: 'faultline/0.1.0', sentryVersion: '7' }),
      'Sentry sentry_version=7, sentry_client=faultline/0.1.0, sentry_key=abc',
    );
  });

  it('writes the secret only when there is one', () => {
    assert.equal(
      formatAuthHeader({ sentryKey: 'a', sentrySecret: 's' }),
      'Sentry sentry_key=a, sentry_secret=s',
    );
    assert.equal(formatAuthHeader({}), 'Sentry');
  });

  it('round-trips through parseAuthHeader', () => {
    const auth = {
      sentryKey: 'abc',
      sentrySecret: 's',
      sentryVersion: '7',
      sentryClient: 'x/1.2.3',
    };
    assert.deepEqual(parseAuthHeader(formatAuthHeader(auth)), auth);
  });
});
