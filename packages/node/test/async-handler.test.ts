/**
 * The commonest Express handler, `async (req, res) => { … await … }`, in an ES module and in a
 * CommonJS app, each a real app sending through the real SDK to the real Faultline server. Once
 * such a handler has awaited, V8 names its frame `at async file:///…:L:C` (`at async /…:L:C` in
 * CommonJS): that frame is the user's own code, and must be stored as in-app with its source.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFaultlineServer } from './helpers/faultline-server.js';
import type { FaultlineServer } from './helpers/faultline-server.js';
import { FIXTURES, runFixture } from './helpers/run-fixture.js';
import { assertForgottenRejection, storedEvent } from './helpers/stored-event.js';

type Json = Record<string, any>;

for (const fixture of ['async-handler-app.mjs', 'async-handler-app.cjs']) {
  test(`${fixture}: the anonymous async handler's frame is in-app, with its line and source; a rejection it forgot is named by its route`, async () => {
    const faultline = await startFaultlineServer();
    try {
      await runAsyncHandlerApp(fixture, faultline);
      const event = await storedEvent(faultline, 'Error: order 7 unreadable');
      await assertForgottenRejection(faultline);
      assert.equal(event['transaction'], 'GET /orders/:id');
      const frames = event['exception'].values.at(-1).stacktrace.frames as Json[];
      const [handler, thrower] = frames.slice(-2);
      // `Module.loadOrder` where CommonJS calls it through the imported namespace.
      assert.match(String(thrower?.['function']), /loadOrder$/);

      const path = join(FIXTURES, fixture);
      const source = (await readFile(path, 'utf8')).split('\n');
      const lineno = source.findIndex((line) => line.includes('// handler awaits')) + 1;
      assert.deepEqual(
        {
          filename: handler?.['filename'],
          function: handler?.['function'],
          lineno: handler?.['lineno'],
          in_app: handler?.['in_app'],
          context_line: handler?.['context_line'],
          pre_context: handler?.['pre_context'],
          post_context: handler?.['post_context'],
        },
        {
          filename: path,
          // The SDK sends "?", which the server stores as no name.
          function: undefined,
          lineno,
          in_app: true,
          context_line: source[lineno - 1],
          pre_context: source.slice(lineno - 6, lineno - 1),
          post_context: source.slice(lineno, lineno + 5),
        },
      );
    } finally {
      await faultline.stop();
    }
  });
}

async function runAsyncHandlerApp(fixture: string, faultline: FaultlineServer): Promise<void> {
  const run = await runFixture(fixture, faultline.dsn);
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as { flushed: boolean; results: Json[] };
  assert.equal(output.flushed, true);
  assert.deepEqual(
    output.results.map((result) => result['status']),
    [500, 200],
  );
}
