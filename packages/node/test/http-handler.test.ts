import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertStoredChain } from './helpers/assert-chain.js';
import { startFaultlineServer } from './helpers/faultline-server.js';
import type { FaultlineServer } from './helpers/faultline-server.js';
import { runFixture } from './helpers/run-fixture.js';

let faultline: FaultlineServer;
before(async () => {
  faultline = await startFaultlineServer();
});
after(() => faultline.stop());

type Json = Record<string, any>;

test('node:http: a thrown chain is answered 500 and stored whole; 4xx and bare 5xx are not', async () => {
  const run = await runFixture('http-app.mjs', faultline.dsn);
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as { flushed: boolean; results: Json[] };
  assert.equal(output.flushed, true);
  assert.deepEqual(
    output.results.map((result) => [result['path'], result['status']]),
    [
      ['/report', 500],
      ['/forbidden', 403],
      ['/empty-500', 500],
      ['/fine', 200],
    ],
  );

  const issues = await faultline.waitForIssues((list) => list.length >= 2);
  assert.deepEqual(issues.map((issue) => issue['title']).sort(), [
    'Error: report failed',
    'fixture done',
  ]);
  const issue = issues.find((candidate) => candidate['title'] === 'Error: report failed')!;
  const [event] = (await faultline.events(issue['id'])) as Json[];
  assertStoredChain(event, {
    messages: ['record 12 unreadable', 'could not build report', 'report failed'],
    mechanism: 'auto.http.node',
    thrower: 'readRecord',
    throwLine: /new Error\(`record \$\{id\} unreadable`\)/,
  });
  assert.equal(event?.['tags']?.['feature'], 'report');
  assert.match(String(event?.['request']?.['url']), /\/report$/);
  // No router names the route: the method and path are the transaction, as @sentry/node names it.
  assert.equal(event?.['transaction'], 'GET /report');
});
