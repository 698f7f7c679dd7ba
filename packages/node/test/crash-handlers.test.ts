import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFaultlineServer } from './helpers/faultline-server.js';
import type { FaultlineServer } from './helpers/faultline-server.js';
import { runFixture } from './helpers/run-fixture.js';

let faultline: FaultlineServer;
before(async () => {
  faultline = await startFaultlineServer();
});
after(() => faultline.stop());

type Json = Record<string, any>;

test('crash: an uncaught exception is stored as fatal and the process exits with 1', async () => {
  const run = await runFixture('crash-app.mjs', faultline.dsn);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /Cannot read properties of null/);
  const issues = await faultline.waitForIssues((list) =>
    list.some((issue) => String(issue['title']).startsWith('TypeError')),
  );
  const issue = issues.find((candidate) => String(candidate['title']).startsWith('TypeError'))!;
  assert.equal(issue['level'], 'fatal');
  const [event] = (await faultline.events(issue['id'])) as Json[];
  const values = event?.['exception'].values as Json[];
  assert.deepEqual(values.at(-1)?.['mechanism'], {
    type: 'auto.node.onuncaughtexception',
    handled: false,
    exception_id: 0,
  });
  assert.match(
    String((values.at(-1)?.['stacktrace'].frames as Json[]).at(-1)?.['function']),
    /crashLater/,
  );
});

test('crash: an app with its own uncaughtException listener keeps running', async () => {
  const run = await runFixture('crash-app.mjs', faultline.dsn, ['own-listener']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /still running/);
});

test('unhandled rejections: reported and survived in warn mode, a crash in strict mode', async () => {
  const warn = await runFixture('rejection-app.mjs', faultline.dsn, ['warn']);
  assert.equal(warn.code, 0, warn.stderr);
  assert.match(warn.stdout, /survived/);
  const strict = await runFixture('rejection-app.mjs', faultline.dsn, ['strict']);
  assert.equal(strict.code, 1);
  // Both rejections come from the same line, so they group into one issue.
  const issues = await faultline.waitForIssues((list) =>
    list.some((issue) => issue['title'] === 'Error: rejected in warn mode' && issue['count'] === 2),
  );
  const issue = issues.find((candidate) => candidate['title'] === 'Error: rejected in warn mode');
  const events = (await faultline.events(issue?.['id'])) as Json[];
  const summary = events.map((event) => {
    const outermost = event['exception'].values.at(-1);
    return [outermost.value, event['level'], outermost.mechanism.type];
  });
  assert.deepEqual(summary.sort(), [
    ['rejected in strict mode', 'fatal', 'auto.node.onunhandledrejection'],
    ['rejected in warn mode', 'error', 'auto.node.onunhandledrejection'],
  ]);
});
