import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isAllowedOriginEntry,
  isOriginAllowed,
  requestOrigin,
} from '../../src/ingest/allowed-origins.js';

/** [allowed origins, the origin sent, allowed?] */
const MATCHES: Array<[string[], string, boolean]> = [
  // An empty list or `*` allows any origin, even an opaque one.
  [[], 'https://anything.test', true],
  [[], 'null', true],
  [['https://shop.example', '*'], 'https://evil.test', true],
  [['*'], 'null', true],
  // A full origin: that scheme and host, any port unless one is written.
  [['https://shop.example'], 'https://shop.example', true],
  [['https://shop.example'], 'https://shop.example:8443', true],
  [['https://shop.example'], 'http://shop.example', false],
  [['https://shop.example'], 'https://evil.test', false],
  [['https://shop.example'], 'https://shop.example.evil.test', false],
  [['https://shop.example/'], 'https://shop.example', true],
  [['HTTPS://Shop.Example'], 'https://shop.example', true],
  // A bare host: any scheme.
  [['shop.example'], 'http://shop.example', true],
  [['shop.example'], 'https://shop.example', true],
  [['shop.example'], 'https://www.shop.example', false],
  // `*.host`: the host itself and its subdomains, not lookalikes.
  [['*.shop.example'], 'https://shop.example', true],
  [['*.shop.example'], 'https://eu.cdn.shop.example', true],
  [['*.shop.example'], 'https://evilshop.example', false],
  [['https://*.shop.example'], 'http://eu.shop.example', false],
  [['https://*'], 'https://anything.test', true],
  [['https://*'], 'http://anything.test', false],
  // Ports, explicit or the scheme's default.
  [['http://localhost:3000'], 'http://localhost:3000', true],
  [['http://localhost:3000'], 'http://localhost:3001', false],
  [['http://localhost:3000'], 'http://localhost', false],
  [['localhost:3000'], 'http://localhost:3000', true],
  [['https://shop.example:443'], 'https://shop.example', true],
  [['http://[::1]:8080'], 'http://[::1]:8080', true],
  [['http://[::1]:8080'], 'http://[::1]:9090', false],
  // Browser extensions have origins too.
  [['chrome-extension://abcdef'], 'chrome-extension://abcdef', true],
  // "null" (sandboxed iframes, file://) and junk match no entry.
  [['https://shop.example'], 'null', false],
  [['https://shop.example'], 'not a url', false],
  [['https://shop.example'], 'file:///home/ann/index.html', false],
];

describe('isOriginAllowed', () => {
  for (const [allowed, origin, expected] of MATCHES) {
    it(`${JSON.stringify(allowed)} ${expected ? 'allows' : 'refuses'} ${origin}`, () => {
      assert.equal(isOriginAllowed(origin, allowed), expected);
    });
  }
});

/** [headers, the origin checked] */
const ORIGINS: Array<[{ origin?: string; referer?: string }, string | undefined]> = [
  // Server-side SDKs send neither header: nothing to check.
  [{}, undefined],
  [{ origin: '', referer: '' }, undefined],
  [{ origin: 'https://shop.example' }, 'https://shop.example'],
  [
    { origin: 'https://shop.example', referer: 'https://other.example/page' },
    'https://shop.example',
  ],
  // Without Origin, the Referer's origin: its path and query are dropped.
  [{ referer: 'https://shop.example:8443/cart?id=1' }, 'https://shop.example:8443'],
  // "null" stays "null", even with a Referer: only an allow-all list lets it in.
  [{ origin: 'null', referer: 'https://shop.example/' }, 'null'],
  // A Referer that is no URL is still a browser's request: checked, and it matches nothing.
  [{ referer: 'garbage' }, 'garbage'],
];

describe('requestOrigin', () => {
  for (const [headers, expected] of ORIGINS) {
    it(`${JSON.stringify(headers)} → ${String(expected)}`, () => {
      assert.equal(requestOrigin(headers), expected);
    });
  }
});

/** What project settings accept: every form the matcher knows, and nothing else. */
const ENTRIES: Array<[string, boolean]> = [
  ['*', true],
  ['https://app.example.com', true],
  ['https://app.example.com/', true],
  ['example.com', true],
  ['*.example.com', true],
  ['https://*.example.com', true],
  ['https://*', true],
  ['http://localhost:3000', true],
  ['http://[::1]:3000', true],
  ['chrome-extension://abcdefghijklmnop', true],
  ['javascript:alert(1)', false],
  ['https://app.example.com/path', false],
  ['https://user@app.example.com', false],
  ['app.*.example.com', false],
  ['', false],
  ['https://', false],
  ['example.com:port', false],
];

describe('isAllowedOriginEntry', () => {
  for (const [entry, valid] of ENTRIES) {
    it(`${JSON.stringify(entry)} → ${valid ? 'accepted' : 'refused'}`, () => {
      assert.equal(isAllowedOriginEntry(entry), valid);
    });
  }
});
