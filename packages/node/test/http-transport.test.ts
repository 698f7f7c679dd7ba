import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { dsnFromString } from '@faultline/protocol';
import type { Envelope } from '@faultline/protocol';
import { makeHttpTransport } from '../src/transport/http-transport.js';
import type { HttpTransportOptions } from '../src/transport/http-transport.js';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';

const encoder = new TextEncoder();
const servers: Array<{ close(): Promise<void> }> = [];
after(() => Promise.all(servers.map((server) => server.close())));

function transportFor(dsn: string, options: Partial<HttpTransportOptions> = {}) {
  return makeHttpTransport({
    dsn: dsnFromString(dsn),
    sdkName: 'faultline.javascript.node',
    sdkVersion: '0.1.0',
    log: () => {},
    retryDelayMs: 20,
    ...options,
  });
}

function eventEnvelope(message = 'boom', extra = ''): Envelope {
  const payload = encoder.encode(JSON.stringify({ event_id: 'a'.repeat(32), message, extra }));
  return {
    headers: { event_id: 'a'.repeat(32) },
    items: [{ headers: { type: 'event' }, payload }],
  };
}

function transactionEnvelope(): Envelope {
  return {
    headers: {},
    items: [{ headers: { type: 'transaction' }, payload: encoder.encode('{}') }],
  };
}

test('sends envelopes with Sentry auth over one kept-alive connection', async () => {
  const server = await startCaptureServer();
  servers.push(server);
  const transport = transportFor(server.dsn, { concurrency: 1 });
  transport.send(eventEnvelope('one'));
  transport.send(eventEnvelope('two'));
  assert.equal(await transport.flush(2000), true);
  assert.equal(server.requests.length, 2);
  const auth = server.requests[0]?.headers['x-sentry-auth'];
  assert.match(
    String(auth),
    /^Sentry sentry_version=7, sentry_client=faultline\.javascript\.node\/0\.1\.0, sentry_key=public$/,
  );
  assert.equal(server.requests[0]?.headers.connection, 'keep-alive');
  assert.equal(itemJson(server.requests[1]!.envelope, 'event')?.['message'], 'two');
});

test('gzips bodies above the threshold', async () => {
  const server = await startCaptureServer();
  servers.push(server);
  const transport = transportFor(server.dsn);
  transport.send(eventEnvelope('small'));
  transport.send(eventEnvelope('big', 'x'.repeat(40_000)));
  await transport.flush(2000);
  const encodings = server.requests.map((request) => request.headers['content-encoding']);
  assert.deepEqual(encodings.sort(), ['gzip', undefined]);
  assert.ok(
    server.requests.some((request) => itemJson(request.envelope, 'event')?.['message'] === 'big'),
  );
});

test('a 429 with X-Sentry-Rate-Limits stops that category only, and the loss is reported', async () => {
  const server = await startCaptureServer();
  servers.push(server);
  server.reply = (request) =>
    request.envelope.items.some((item) => item.headers.type === 'event')
      ? { status: 429, headers: { 'x-sentry-rate-limits': '60:error:key', 'retry-after': '60' } }
      : { status: 200 };
  const transport = transportFor(server.dsn, { concurrency: 1 });
  transport.send(eventEnvelope('limited'));
  await transport.flush(2000);
  assert.equal(server.requests.length, 1);

  // Errors are now held back without a request; transactions still go.
  transport.send(eventEnvelope('held back'));
  transport.send(eventEnvelope('held back too'));
  transport.send(transactionEnvelope());
  await transport.flush(2000);
  assert.equal(server.requests.length, 2);
  const second = server.requests[1]!.envelope;
  assert.equal(second.items[0]?.headers.type, 'transaction');
  const report = itemJson(second, 'client_report');
  assert.deepEqual(report?.['discarded_events'], [
    { reason: 'ratelimit_backoff', category: 'error', quantity: 3 },
  ]);
});

test('a bare 429 backs off everything for its Retry-After', async () => {
  const server = await startCaptureServer();
  servers.push(server);
  server.reply = () => ({ status: 429, headers: { 'retry-after': '30' } });
  const transport = transportFor(server.dsn);
  transport.send(eventEnvelope());
  await transport.flush(2000);
  transport.send(transactionEnvelope());
  transport.send(eventEnvelope());
  await transport.flush(500);
  assert.equal(server.requests.length, 1);
});

test('5xx answers are retried with backoff, then succeed', async () => {
  const server = await startCaptureServer();
  servers.push(server);
  let answered = 0;
  server.reply = () => ({ status: answered++ < 2 ? 503 : 200 });
  const transport = transportFor(server.dsn);
  transport.send(eventEnvelope());
  assert.equal(await transport.flush(3000), true);
  assert.equal(server.requests.length, 3);
});

test('a down server: send never throws or blocks, the queue stays bounded, drops are counted', async () => {
  const server = await startCaptureServer();
  const dsn = server.dsn;
  await server.close();
  const transport = transportFor(dsn, { maxQueueSize: 5, maxRetries: 1, retryDelayMs: 10 });
  const started = performance.now();
  for (let i = 0; i < 1000; i += 1) transport.send(eventEnvelope(`lost ${i}`));
  const elapsed = performance.now() - started;
  assert.ok(transport.pendingCount <= 5, `pending ${transport.pendingCount}`);
  assert.ok(elapsed < 500, `send took ${elapsed} ms for 1000 envelopes`);
  assert.equal(await transport.flush(3000), true);

  // The server comes back: the next envelope carries the count of what was lost.
  const back = await startCaptureServer();
  servers.push(back);
  const revived = transportFor(back.dsn);
  revived.recordDiscard('queue_overflow', 'error');
  await revived.flush(2000);
  assert.deepEqual(itemJson(back.requests[0]!.envelope, 'client_report')?.['discarded_events'], [
    { reason: 'queue_overflow', category: 'error', quantity: 1 },
  ]);
});
