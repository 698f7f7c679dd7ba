/**
 * The scenario every framework adapter passes, each against a real app (test/fixtures/*-app.mjs,
 * built on scenario.mjs) sending through the real SDK to the real Faultline server: a route that
 * throws a three-level cause chain is stored whole, named by its route pattern, with the user and
 * tags the handler set, and the app's error page shows its event id; a 4xx error and a 500 with
 * no error attached are not reported; a promise a handler forgot to await is reported with its
 * request and named by its route, though no middleware saw it.
 */
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import { assertStoredChain } from './assert-chain.js';
import { startFaultlineServer } from './faultline-server.js';
import { runFixture } from './run-fixture.js';
import { assertForgottenRejection } from './stored-event.js';

type Json = Record<string, any>;

export interface FrameworkScenario {
  /** `Express 4`: names the test. */
  name: string;
  /** `express`: the adapter's mechanism is `auto.http.<framework>`. */
  framework: string;
  fixture: string;
  args?: string[];
}

// The SDK's compiled sources, as the fixtures load them: from this monorepo, not node_modules.
const SDK_SOURCES = join(import.meta.dirname, '../../src') + sep;

export function testFrameworkScenario(scenario: FrameworkScenario): void {
  test(`${scenario.name}: a 5xx with a three-level cause chain is stored whole; 4xx and bare 5xx are not; a forgotten rejection is named by its route`, async () => {
    const faultline = await startFaultlineServer();
    try {
      const run = await runFixture(scenario.fixture, faultline.dsn, scenario.args);
      assert.equal(run.code, 0, run.stderr);
      const output = JSON.parse(run.stdout) as { flushed: boolean; results: Json[] };
      assert.equal(output.flushed, true);
      const [checkout, missing, empty, ship] = output.results;
      assert.equal(checkout?.status, 500);
      assert.equal(missing?.status, 404);
      assert.equal(missing?.body?.reference, null);
      assert.equal(empty?.status, 500);
      assert.equal(ship?.status, 200);

      const issues = await faultline.waitForIssues((list) => list.length >= 3);
      assert.deepEqual(issues.map((issue) => issue['title']).sort(), [
        'Error: checkout failed',
        'Error: warehouse never heard of order 8',
        'fixture done',
      ]);
      const issue = issues.find((candidate) => candidate['title'] === 'Error: checkout failed')!;
      const [event] = (await faultline.events(issue['id'])) as Json[];
      assert.match(String(event?.['event_id']), /^[0-9a-f]{32}$/);
      assert.equal(checkout?.body?.reference, event?.['event_id']);
      if (checkout?.body && 'nodeReference' in checkout.body) {
        assert.equal(checkout.body.nodeReference, event?.['event_id']);
      }

      const values = assertStoredChain(event, {
        messages: ['cart 981 not found', 'could not price cart', 'checkout failed'],
        mechanism: `auto.http.${scenario.framework}`,
        thrower: 'loadCart',
        throwLine: /new Error\(`cart \$\{id\} not found`\)/,
      });
      // The framework's own frames are there, and not in-app.
      assert.ok(
        (values[2]?.['stacktrace'].frames as Json[]).some((frame) => frame['in_app'] === false),
      );
      // The SDK's own frames (the request scope's wrapper of the server's `emit`, Koa's and Hono's
      // middlewares) are never the app's code, though it is loaded from outside node_modules.
      const sdkFrames = values
        .flatMap((value) => value['stacktrace'].frames as Json[])
        .filter((frame) => String(frame['filename']).startsWith(SDK_SOURCES));
      assert.ok(sdkFrames.length > 0);
      assert.deepEqual(
        sdkFrames.filter((frame) => frame['in_app'] !== false),
        [],
      );
      assert.equal(event?.['transaction'], 'GET /checkout/:id');
      assert.equal(event?.['release'], 'shop@2.3.1');
      assert.equal(event?.['tags']?.['feature'], 'checkout');
      assert.equal(event?.['user']?.['id'], 'u-17');
      assert.equal(event?.['request']?.['method'], 'GET');
      assert.match(
        String(event?.['request']?.['url']),
        /^http:\/\/127\.0\.0\.1:\d+\/checkout\/981$/,
      );
      const headers = event?.['request']?.['headers'] as Record<string, string>;
      assert.equal(headers['authorization'], undefined);
      assert.equal(headers['cookie'], undefined);
      assert.equal(headers['x-api-key'], undefined);
      assert.ok(!JSON.stringify(event).includes('SECRET'), 'no credential reached the server');
      await assertForgottenRejection(faultline);
    } finally {
      await faultline.stop();
    }
  });
}
