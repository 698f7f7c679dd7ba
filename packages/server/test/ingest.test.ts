/**
 * What SDKs send, accepted the way they send it: every auth method, every encoding, chunked
 * bodies, envelopes with and without item lengths, every item type, CORS, rate limits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { SentryEvent } from '@faultline/protocol';
import {
  authQuery,
  envelope,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from './helpers/envelopes.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

/** Posts with Transfer-Encoding: chunked and no Content-Type, as @sentry/node does. */
function postChunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe('ingest', () => {
  let server: TestServer;
  let url: string;
  before(async () => {
    server = await startTestServer();
    url = server.envelopeUrl + authQuery(server.publicKey);
  });
  after(async () => {
    await server.stop();
  });

  async function storedEvent(eventId: string): Promise<SentryEvent> {
    await server.idle();
    const record = await server.store.getEvent(server.projectId, eventId);
    assert.ok(record, `event ${eventId} stored`);
    return record.event as unknown as SentryEvent;
  }

  it('accepts the key in the query string, the X-Sentry-Auth header, or the envelope dsn', async () => {
    const ids = [newEventId(), newEventId(), newEventId()];
    const byQuery = await post(url, eventEnvelope(nodeErrorEvent(ids[0]!)));
    const byHeader = await post(server.envelopeUrl, eventEnvelope(nodeErrorEvent(ids[1]!)), {
      'x-sentry-auth': `Sentry sentry_version=7, sentry_client=test/1.0, sentry_key=${server.publicKey}`,
    });
    const byDsn = await post(
      server.envelopeUrl,
      envelope({ event_id: ids[2], dsn: server.dsn }, [
        { headers: { type: 'event' }, payload: JSON.stringify(nodeErrorEvent(ids[2]!)) },
      ]),
    );
    assert.deepEqual(
      [byQuery, byHeader, byDsn].map((r) => [r.status, r.body['id']]),
      ids.map((id) => [200, id]),
    );
    for (const id of ids) assert.equal((await storedEvent(id)).event_id, id);
  });

  it('reads chunked bodies without Content-Length or Content-Type', async () => {
    const eventId = newEventId();
    const body = eventEnvelope(nodeErrorEvent(eventId));
    const response = await postChunked(url, [
      body.subarray(0, 100),
      body.subarray(100, 5000),
      body.subarray(5000),
    ]);
    assert.equal(response.status, 200);
    assert.equal((await storedEvent(eventId)).event_id, eventId);
  });

  for (const [encoding, label, compress] of [
    ['gzip', 'gzip', gzipSync],
    ['deflate', 'zlib-wrapped deflate', deflateSync],
    ['deflate', 'raw deflate', deflateRawSync],
    ['br', 'brotli', brotliCompressSync],
  ] as const) {
    it(`decompresses Content-Encoding ${encoding} (${label})`, async () => {
      const eventId = newEventId();
      const response = await post(url, compress(eventEnvelope(nodeErrorEvent(eventId))), {
        'content-encoding': encoding,
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal((await storedEvent(eventId)).event_id, eventId);
    });
  }

  it('accepts envelopes with item lengths and payloads containing newlines (Rust SDK style)', async () => {
    const eventId = newEventId();
    const pretty = JSON.stringify(
      nodeErrorEvent(eventId, { message: 'line one\nline two' }),
      null,
      2,
    );
    const body = envelope({ event_id: eventId }, [
      { headers: { type: 'event' }, payload: pretty, withLength: true },
      {
        headers: { type: 'attachment', filename: 'log.txt', content_type: 'text/plain' },
        payload: 'a\nb\nc',
        withLength: true,
      },
    ]);
    const response = await post(url, body);
    assert.equal(response.status, 200);
    await storedEvent(eventId);
  });

  it('answers an empty (header-only) envelope with 200', async () => {
    for (const body of ['{}', '{}\n', `{"sent_at":"${new Date().toISOString()}"}\n`]) {
      const response = await post(url, body);
      assert.equal(response.status, 200, body);
      assert.deepEqual(response.body, {});
    }
  });

  it('counts sessions, transactions and unknown items as filtered, and records client reports', async () => {
    const body = envelope({}, [
      { headers: { type: 'session' }, payload: '{"sid":"x","status":"ok"}' },
      { headers: { type: 'transaction' }, payload: '{"type":"transaction"}' },
      { headers: { type: 'something_new' }, payload: '{}' },
      {
        headers: { type: 'client_report' },
        payload: JSON.stringify({
          timestamp: Date.now() / 1000,
          discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }],
        }),
      },
    ]);
    const response = await post(url, body);
    assert.equal(response.status, 200);
    // Outcomes are flushed to the digest worker about once a second.
    const deadline = Date.now() + 5000;
    let outcomes = await server.store.listOutcomes(server.projectId);
    while (!outcomes.some((o) => o.outcome === 'client_discard') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      outcomes = await server.store.listOutcomes(server.projectId);
    }
    const find = (category: string, outcome: string) =>
      outcomes.filter((o) => o.category === category && o.outcome === outcome);
    assert.equal(find('session', 'filtered')[0]?.reason, 'unsupported_item_type:session');
    assert.equal(find('transaction', 'filtered')[0]?.quantity, 1);
    // A type Sentry does not define is not a word the outcomes table keeps.
    assert.equal(find('default', 'filtered')[0]?.reason, 'unsupported_item_type:other');
    assert.deepEqual(
      find('error', 'client_discard').map((o) => [o.reason, o.quantity]),
      [['queue_overflow', 3]],
    );
    assert.ok(find('error', 'accepted')[0]!.quantity > 0, 'accepted events are counted');
  });

  it('acknowledges a re-sent event_id without storing it twice', async () => {
    const eventId = newEventId();
    const body = eventEnvelope(nodeErrorEvent(eventId, { tags: { resend: 'yes' } }));
    assert.equal((await post(url, body)).status, 200);
    assert.equal((await post(url, body)).status, 200); // while the first may still be queued
    await server.idle();
    assert.equal((await post(url, body)).status, 200); // after it was digested
    await server.idle();
    const issues = await server.store.listIssues({ projectId: server.projectId });
    const events = (await Promise.all(issues.map((i) => server.store.listEvents(i.id, {})))).flat();
    assert.equal(events.filter((e) => e.eventId === eventId).length, 1);
  });

  it('stores attachments with their event', async () => {
    const eventId = newEventId();
    const body = envelope({ event_id: eventId }, [
      { headers: { type: 'event' }, payload: JSON.stringify(nodeErrorEvent(eventId)) },
      {
        headers: {
          type: 'attachment',
          filename: 'dump.bin',
          content_type: 'application/octet-stream',
        },
        payload: Buffer.from([0, 10, 255, 10]),
        withLength: true,
      },
    ]);
    assert.equal((await post(url, body)).status, 200);
    await server.idle();
    const attachments = await server.store.listAttachments(server.projectId, eventId);
    assert.deepEqual(
      attachments.map((a) => [a.filename, a.contentType, [...a.data]]),
      [['dump.bin', 'application/octet-stream', [0, 10, 255, 10]]],
    );
  });

  it('answers CORS preflights and sets Access-Control-Allow-Origin for browser SDKs', async () => {
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/);
    const response = await post(url, eventEnvelope(nodeErrorEvent(newEventId())), {
      'content-type': 'text/plain;charset=UTF-8',
      origin: 'https://shop.example',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(
      response.headers.get('access-control-expose-headers') ?? '',
      /x-sentry-rate-limits/,
    );
  });
});

describe('rate limits and quotas', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  it('a key over its rate limit gets 429 with Retry-After and X-Sentry-Rate-Limits for its categories', async () => {
    const key = await server.store.createKey(server.projectId);
    await server.store.updateKey(key.publicKey, { rateLimit: { count: 2, windowSeconds: 60 } });
    const keyUrl = server.envelopeUrl + authQuery(key.publicKey);
    const statuses = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = await post(keyUrl, eventEnvelope(nodeErrorEvent(newEventId())));
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal(last!.body['code'], 'rate_limited');
    const retryAfter = Number(last!.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(
      last!.headers.get('x-sentry-rate-limits') ?? '',
      new RegExp(`^${retryAfter}:error;default;security;attachment:key:key_rate_limit$`),
    );
    // Other keys of the project are not limited by this key's limit.
    assert.equal(
      (
        await post(
          server.envelopeUrl + authQuery(server.publicKey),
          eventEnvelope(nodeErrorEvent(newEventId())),
        )
      ).status,
      200,
    );
    // Envelopes without events (sessions) are not refused.
    assert.equal(
      (await post(keyUrl, envelope({}, [{ headers: { type: 'session' }, payload: '{}' }]))).status,
      200,
    );
  });

  it('a project over its quota gets 429 for every key, scoped to the project', async () => {
    const project = await server.store.createProject('quota');
    const key = await server.store.createKey(project.id);
    await server.store.updateProject(project.id, { quota: { count: 1, windowSeconds: 3600 } });
    const projectUrl = `${server.url}/api/${project.id}/envelope/${authQuery(key.publicKey)}`;
    assert.equal((await post(projectUrl, eventEnvelope(nodeErrorEvent(newEventId())))).status, 200);
    const refused = await post(projectUrl, eventEnvelope(nodeErrorEvent(newEventId())));
    assert.equal(refused.status, 429);
    assert.match(
      refused.headers.get('x-sentry-rate-limits') ?? '',
      /:error;default;security;attachment:project:project_quota$/,
    );
  });
});

describe('backpressure', () => {
  it('answers 503 with Retry-After when the queue is full, and accepts nothing', async () => {
    const server = await startTestServer({ limits: { maxQueueDepth: 0 } });
    try {
      const eventId = newEventId();
      const response = await post(
        server.envelopeUrl + authQuery(server.publicKey),
        eventEnvelope(nodeErrorEvent(eventId)),
      );
      assert.equal(response.status, 503);
      assert.equal(response.body['code'], 'queue_full');
      assert.ok(Number(response.headers.get('retry-after')) > 0);
      assert.equal((await server.store.queueStats()).depth, 0);
    } finally {
      await server.stop();
    }
  });
});
