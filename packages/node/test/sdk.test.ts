import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as Faultline from '../src/index.js';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';
import type { CaptureServer } from './helpers/capture-server.js';

const servers: CaptureServer[] = [];
after(async () => {
  await Faultline.close(100);
  await Promise.all(servers.map((server) => server.close()));
});

async function initWithServer(options: Faultline.FaultlineOptions = {}): Promise<CaptureServer> {
  const server = await startCaptureServer();
  servers.push(server);
  Faultline.init({ dsn: server.dsn, release: 'shop@2.3.1', serverName: 'web-1', ...options });
  return server;
}

function events(server: CaptureServer): Array<Record<string, unknown>> {
  return server.requests.flatMap((request) => {
    const event = itemJson(request.envelope, 'event');
    return event === undefined ? [] : [event];
  });
}

test('without a DSN the SDK is a silent no-op', async () => {
  const saved = { ...process.env };
  delete process.env['FAULTLINE_DSN'];
  delete process.env['SENTRY_DSN'];
  try {
    assert.equal(Faultline.init({}), undefined);
    assert.equal(Faultline.captureException(new Error('nowhere')), '');
    Faultline.setTag('a', 'b');
    assert.equal(await Faultline.flush(10), true);
  } finally {
    Object.assign(process.env, saved);
  }
});

test('a bad DSN fails init with one clear error', () => {
  assert.throws(() => Faultline.init({ dsn: 'https://sentry.example.com/42' }), {
    name: 'DsnError',
    message: /missing public key/,
  });
});

test('the DSN, release and environment come from the environment too', () => {
  process.env['SENTRY_DSN'] = 'http://key@127.0.0.1:9/3';
  process.env['SENTRY_RELEASE'] = 'api@9';
  process.env['SENTRY_ENVIRONMENT'] = 'staging';
  try {
    const client = Faultline.init({});
    assert.equal(client?.options.dsn.projectId, '3');
    assert.equal(client?.options.release, 'api@9');
    assert.equal(client?.options.environment, 'staging');
    assert.ok(Error.stackTraceLimit >= 50);
  } finally {
    delete process.env['SENTRY_DSN'];
    delete process.env['SENTRY_RELEASE'];
    delete process.env['SENTRY_ENVIRONMENT'];
  }
});

test('captureException sends the chain with scope data, once per error object', async () => {
  const server = await initWithServer();
  Faultline.setTag('region', 'eu');
  const error = new Error('outer', { cause: new Error('inner') });
  const eventId = await Faultline.withScope(async () => {
    Faultline.setUser({ id: 'u-1' });
    Faultline.setExtra('cart', { items: 3 });
    Faultline.setContext('order', { id: 77 });
    Faultline.addBreadcrumb({ category: 'db', message: 'SELECT cart', level: 'info' });
    await Promise.resolve();
    return Faultline.captureException(error);
  });
  assert.match(eventId, /^[0-9a-f]{32}$/);
  assert.equal(Faultline.captureException(error), eventId);
  assert.equal(Faultline.lastEventId(), eventId);
  assert.equal(await Faultline.flush(2000), true);

  const [event] = events(server);
  assert.equal(events(server).length, 1);
  assert.equal(event?.['event_id'], eventId);
  assert.equal(server.requests[0]?.envelope.headers.event_id, eventId);
  assert.deepEqual(event?.['tags'], { region: 'eu' });
  assert.deepEqual(event?.['user'], { id: 'u-1' });
  assert.deepEqual(event?.['extra'], { cart: { items: 3 } });
  assert.deepEqual((event?.['contexts'] as Record<string, unknown>)['order'], { id: 77 });
  assert.equal((event?.['breadcrumbs'] as unknown[]).length, 1);
  const values = (event?.['exception'] as { values: Array<{ value: string }> }).values;
  assert.deepEqual(
    values.map((value) => value.value),
    ['inner', 'outer'],
  );

  // Outside withScope the user set inside is gone.
  Faultline.captureMessage('after', 'warning');
  await Faultline.flush(2000);
  const message = events(server)[1];
  assert.equal(message?.['message'], 'after');
  assert.equal(message?.['level'], 'warning');
  assert.equal(message?.['user'], undefined);
});

test('beforeSend can change or drop events, and sampleRate 0 sends nothing', async () => {
  const server = await initWithServer({
    beforeSend: (event) =>
      event.message === 'drop me' ? null : { ...event, tags: { seen: 'yes' } },
  });
  Faultline.captureMessage('drop me');
  Faultline.captureMessage('keep me');
  await Faultline.flush(2000);
  assert.deepEqual(
    events(server).map((event) => [event['message'], event['tags']]),
    [['keep me', { seen: 'yes' }]],
  );

  const sampled = await initWithServer({ sampleRate: 0 });
  Faultline.captureException(new Error('sampled out'));
  await Faultline.flush(2000);
  assert.equal(events(sampled).length, 0);
});

test('in-app frames carry source context read off the capture path', async () => {
  const server = await initWithServer();
  Faultline.captureException(new Error('with context'));
  await Faultline.flush(2000);
  const values = (
    events(server)[0]?.['exception'] as {
      values: Array<{ stacktrace: { frames: Array<Record<string, unknown>> } }>;
    }
  ).values;
  const frame = values[0]?.stacktrace.frames.at(-1);
  assert.equal(frame?.['in_app'], true);
  assert.match(String(frame?.['context_line']), /with context/);
  assert.equal((frame?.['pre_context'] as string[]).length, 5);
});
