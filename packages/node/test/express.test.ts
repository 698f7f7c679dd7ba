import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';
import { startFaultlineServer } from './helpers/faultline-server.js';
import type { FaultlineServer } from './helpers/faultline-server.js';
import { runFixture } from './helpers/run-fixture.js';

let faultline: FaultlineServer;
before(async () => {
  faultline = await startFaultlineServer();
});
after(() => faultline.stop());

type Json = Record<string, any>;

test('Express: a 5xx with a three-level cause chain is stored whole; 4xx and bare 5xx are not', async () => {
  const run = await runFixture('express-app.mjs', faultline.dsn);
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as { flushed: boolean; results: Json[] };
  assert.equal(output.flushed, true);
  const [checkout, missing, empty] = output.results;
  assert.equal(checkout?.status, 500);
  assert.match(String(checkout?.body?.reference), /^[0-9a-f]{32}$/);
  assert.equal(missing?.status, 404);
  assert.equal(missing?.body?.reference, null);
  assert.equal(empty?.status, 500);

  const issues = await faultline.waitForIssues((list) => list.length >= 2);
  assert.deepEqual(issues.map((issue) => issue['title']).sort(), [
    'Error: checkout failed',
    'fixture done',
  ]);
  const issue = issues.find((candidate) => candidate['title'] === 'Error: checkout failed')!;
  const [event] = (await faultline.events(issue['id'])) as Json[];
  assert.equal(event?.['event_id'], checkout?.body?.reference);
  const values = event?.['exception'].values as Json[];
  assert.deepEqual(
    values.map((value) => [value['type'], value['value'], value['mechanism']]),
    [
      [
        'Error',
        'cart 981 not found',
        { type: 'chained', handled: true, source: 'cause', exception_id: 2, parent_id: 1 },
      ],
      [
        'Error',
        'could not price cart',
        { type: 'chained', handled: true, source: 'cause', exception_id: 1, parent_id: 0 },
      ],
      ['Error', 'checkout failed', { type: 'auto.http.express', handled: false, exception_id: 0 }],
    ],
  );
  const thrower = (values[0]?.['stacktrace'].frames as Json[]).at(-1);
  assert.equal(thrower?.['function'], 'loadCart');
  assert.equal(thrower?.['in_app'], true);
  assert.match(String(thrower?.['context_line']), /new Error\(`cart \$\{id\} not found`\)/);
  assert.ok(
    (values[2]?.['stacktrace'].frames as Json[]).some((frame) => frame['in_app'] === false),
  );

  assert.equal(event?.['transaction'], 'GET /checkout/:id');
  assert.equal(event?.['release'], 'shop@2.3.1');
  assert.equal(event?.['tags']?.['feature'], 'checkout');
  assert.equal(event?.['user']?.['id'], 'u-17');
  assert.equal(event?.['request']?.['method'], 'GET');
  assert.match(String(event?.['request']?.['url']), /^http:\/\/127\.0\.0\.1:\d+\/checkout\/981$/);
  const headers = event?.['request']?.['headers'] as Record<string, string>;
  assert.equal(headers['authorization'], undefined);
  assert.equal(headers['cookie'], undefined);
  assert.equal(headers['x-api-key'], undefined);
  assert.ok(!JSON.stringify(event).includes('SECRET'), 'no credential reached the server');
});

test('Express: hundreds of interleaved requests keep their own user, tags and breadcrumbs', async () => {
  const capture = await startCaptureServer();
  try {
    const count = 300;
    const run = await runFixture('express-app.mjs', capture.dsn, ['concurrency', String(count)]);
    assert.equal(run.code, 0, run.stderr);
    const events = capture.requests.flatMap((request) => {
      const event = itemJson(request.envelope, 'event');
      return event === undefined ? [] : [event as Json];
    });
    // A burst of 300 errors overflows the SDK's bounded queue (64): what is dropped must be
    // counted in client reports, and what is sent must be right.
    const dropped = capture.requests
      .flatMap(
        (request) =>
          (itemJson(request.envelope, 'client_report')?.['discarded_events'] ?? []) as Json[],
      )
      .filter((discard) => discard['reason'] === 'queue_overflow')
      .reduce((sum, discard) => sum + Number(discard['quantity']), 0);
    assert.equal(events.length + dropped, count);
    assert.ok(events.length >= 64, `only ${events.length} events sent`);
    for (const event of events) {
      const values = event['exception'].values as Json[];
      const n = /^failed (\d+)$/.exec(values.at(-1)?.['value'])?.[1];
      assert.ok(n !== undefined);
      assert.deepEqual(event['user'], { id: `user-${n}` });
      assert.deepEqual(event['tags'], { request: n });
      assert.deepEqual(
        (event['breadcrumbs'] as Json[]).map((crumb) => crumb['message']),
        [`step for ${n}`],
      );
      assert.match(String(event['request']?.['url']), new RegExp(`/users/${n}$`));
    }
  } finally {
    await capture.close();
  }
});
