import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';
import { testFrameworkScenario } from './helpers/framework-scenario.js';
import { runFixture } from './helpers/run-fixture.js';

type Json = Record<string, any>;

// The same fixture app under both majors: `express4` is an npm alias of express@4.
for (const [name, module] of [
  ['Express 5', 'express'],
  ['Express 4', 'express4'],
] as const) {
  testFrameworkScenario({ name, framework: 'express', fixture: 'express-app.mjs', args: [module] });
}

test('Express: hundreds of interleaved requests keep their own user, tags and breadcrumbs', async () => {
  const capture = await startCaptureServer();
  try {
    const count = 300;
    const run = await runFixture('express-app.mjs', capture.dsn, [
      'express',
      'concurrency',
      String(count),
    ]);
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
