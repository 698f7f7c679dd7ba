/**
 * How an HTTP receiver's failures are classified for the retry queue, against real servers:
 * 5xx and 429 retryable (Retry-After carried), other 4xx and redirects final, refused and hung
 * connections retryable within the timeout, and no secret ever in the logged detail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deliver } from '../../src/alerts/channels/deliver.js';
import { parseRetryAfter } from '../../src/alerts/channels/post-json.js';
import type { ChannelConfig } from '../../src/alerts/types.js';
import {
  closedPort,
  startHttpReceiver,
  type HttpReceiver,
} from './channels-helpers/http-receiver.js';
import { sampleMessage } from './channels-helpers/sample-message.js';

const NOW = 1_735_787_100;
const options = (timeoutMs = 5000) => ({
  signal: new AbortController().signal,
  now: NOW,
  timeoutMs,
});

let receiver: HttpReceiver;
before(async () => {
  receiver = await startHttpReceiver((request, response) => {
    const path = request.url.split('?')[0]!;
    if (path === '/500') response.writeHead(500).end('database is down\n\tagain');
    else if (path === '/503')
      response.writeHead(503, { 'retry-after': 'Thu, 02 Jan 2025 03:10:00 GMT' }).end();
    else if (path === '/404')
      response.writeHead(404).end(`no route for ${request.url} ${'x'.repeat(500)}`);
    else if (path === '/429') response.writeHead(429, { 'retry-after': '30' }).end('slow down');
    else if (path === '/302')
      response.writeHead(302, { location: 'https://elsewhere.example/new/path?token=t0k3n' }).end();
    else if (path === '/hang')
      return; // never answers
    else response.writeHead(200).end();
  });
});
after(() => receiver.close());

const KINDS = ['webhook', 'slack', 'discord'] as const;

function configFor(kind: (typeof KINDS)[number], url: string): ChannelConfig {
  return kind === 'webhook' ? { kind, url, secret: 'shh-secret' } : { kind, url };
}

describe('HTTP receivers: failure classification', () => {
  for (const kind of KINDS) {
    it(`${kind}: 500 is retryable, with the body in the detail`, async () => {
      const result = await deliver(
        configFor(kind, `${receiver.origin}/500`),
        sampleMessage(),
        options(),
      );
      assert.deepEqual(result, {
        ok: false,
        detail: 'HTTP 500 Internal Server Error: database is down again',
        retryable: true,
      });
    });
  }

  it('404 is not retryable; the detail shows 200 characters of the body, secrets cut out', async () => {
    const url = `${receiver.origin}/404?token=s3cr3t-t0ken`;
    const result = await deliver({ kind: 'webhook', url }, sampleMessage(), options());
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, false);
    assert.match(result.detail, /^HTTP 404 Not Found: no route for \[redacted\] x+…$/);
    assert.doesNotMatch(result.detail, /s3cr3t/);
    // Cut to 200 characters first, then the echoed path and query taken out.
    assert.equal(
      result.detail.length,
      'HTTP 404 Not Found: '.length + 200 - '/404?token=s3cr3t-t0ken'.length + '[redacted]'.length,
    );
  });

  it('429 is retryable and carries Retry-After, in the detail and in seconds', async () => {
    const result = await deliver(
      { kind: 'slack', url: `${receiver.origin}/429` },
      sampleMessage(),
      options(),
    );
    assert.deepEqual(result, {
      ok: false,
      detail: 'HTTP 429 Too Many Requests (Retry-After: 30): slow down',
      retryable: true,
      retryAfterSeconds: 30,
    });
  });

  it('503 with an HTTP-date Retry-After counts the seconds from now', async () => {
    const result = await deliver(
      { kind: 'discord', url: `${receiver.origin}/503` },
      sampleMessage(),
      options(),
    );
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
    assert.equal(!result.ok && result.retryAfterSeconds, 300);
  });

  it('a redirect is not followed and not retried; only its origin is shown', async () => {
    const result = await deliver(
      { kind: 'webhook', url: `${receiver.origin}/302` },
      sampleMessage(),
      options(),
    );
    assert.deepEqual(result, {
      ok: false,
      detail: 'HTTP 302 Found: redirect to https://elsewhere.example not followed',
      retryable: false,
    });
    assert.equal(receiver.requests.filter((r) => r.url === '/302').length, 1);
  });

  it('a refused connection is retryable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hook/t0k3n-path`;
    const result = await deliver({ kind: 'webhook', url }, sampleMessage(), options());
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
    assert.match(result.detail, /^Network error: .*ECONNREFUSED/);
    assert.doesNotMatch(result.detail, /t0k3n/);
  });

  it('a receiver that never answers is given up on at the timeout, retryable', async () => {
    const started = Date.now();
    const result = await deliver(
      { kind: 'webhook', url: `${receiver.origin}/hang` },
      sampleMessage(),
      options(300),
    );
    const elapsed = Date.now() - started;
    assert.deepEqual(result, { ok: false, detail: 'Timed out after 0.3 s', retryable: true });
    assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
  });

  it("the caller's abort stops a hung attempt, retryable", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const result = await deliver(
      { kind: 'discord', url: `${receiver.origin}/hang` },
      sampleMessage(),
      {
        signal: controller.signal,
      },
    );
    const elapsed = Date.now() - started;
    assert.deepEqual(result, {
      ok: false,
      detail: 'Aborted before the receiver answered',
      retryable: true,
    });
    assert.ok(elapsed >= 150 && elapsed < 2000, `took ${elapsed} ms`);
  });

  it('a stored URL that is not http(s), or has a user name, fails for good without a request', async () => {
    const before = receiver.requests.length;
    for (const url of [
      'ftp://127.0.0.1/x',
      'not a url',
      receiver.origin.replace('//', '//user:pw@'),
    ]) {
      const result = await deliver({ kind: 'webhook', url }, sampleMessage(), options());
      assert.equal(result.ok, false, url);
      assert.equal(!result.ok && result.retryable, false, url);
    }
    assert.equal(receiver.requests.length, before);
  });
});

describe('parseRetryAfter', () => {
  const cases: Array<[string | null, number | undefined]> = [
    ['120', 120],
    [' 0 ', 0],
    ['Thu, 02 Jan 2025 03:05:40 GMT', 40],
    ['Thu, 02 Jan 2025 03:00:00 GMT', 0], // already past
    ['soon', undefined],
    ['-5', undefined],
    [null, undefined],
  ];
  for (const [header, seconds] of cases) {
    it(`${JSON.stringify(header)} → ${seconds}`, () => {
      assert.equal(parseRetryAfter(header, NOW), seconds);
    });
  }
});
