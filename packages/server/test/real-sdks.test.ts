/**
 * Real SDKs over real HTTP into a real server: @sentry/node 11 in an Express app, and Debian's
 * sentry-python 1.9 posting gzip to the legacy /store/ endpoint.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ExceptionValue, SentryEvent } from '@faultline/protocol';
import { FIXTURES_DIR } from './helpers/paths.js';
import { runProcess } from './helpers/run-process.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

// Debian's package installs for Debian's interpreter, whatever python3 comes first on PATH.
const DEBIAN_PYTHON = '/usr/bin/python3';

describe('@sentry/node 11 with Express', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  it('stores the three-level cause chain in order, with mechanisms and frames', async () => {
    const run = await runProcess(process.execPath, [
      path.join(FIXTURES_DIR, 'sentry-node-express-app.mjs'),
      server.dsn,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      status: number;
      flushed: boolean;
      eventIds: string[];
    };
    assert.equal(result.status, 500);
    assert.equal(result.flushed, true);
    assert.equal(result.eventIds.length, 1, 'one error, one event');
    const eventId = result.eventIds[0]!;
    await server.idle();

    const stored = await server.store.getEvent(server.projectId, eventId);
    assert.ok(stored, `event ${eventId} is stored`);
    const event = stored.event as unknown as SentryEvent;
    const values = event.exception!.values;
    assert.deepEqual(
      values.map((v: ExceptionValue) => [v.type, v.value]),
      [
        ['Error', 'cart 981 not found'],
        ['Error', 'could not price cart'],
        ['Error', 'checkout failed'],
      ],
    );
    assert.deepEqual(
      values.map((v) => [v.mechanism?.type, v.mechanism?.exception_id, v.mechanism?.parent_id]),
      [
        ['chained', 2, 1],
        ['chained', 1, 0],
        ['auto.http.express', 0, undefined],
      ],
    );
    assert.equal(values[2]!.mechanism?.handled, false);
    for (const value of values) {
      const frames = value.stacktrace!.frames;
      assert.ok(frames.length > 0);
      assert.ok(
        frames.some((f) => f.in_app),
        'has in-app frames',
      );
    }
    const rootFrames = values[0]!.stacktrace!.frames;
    assert.equal(rootFrames.at(-1)!.function, 'loadCart', 'the frame that threw is last');
    assert.equal(event.release, 'shop@2.3.1');
    assert.equal(event.environment, 'staging');
    assert.equal(event.tags?.['feature'], 'checkout');
    assert.equal(event.user?.id, 'u-17');
    assert.ok(event.breadcrumbs?.values.some((b) => b.message === 'SELECT cart'));
    assert.doesNotMatch(JSON.stringify(event), /SECRET-TOKEN|SECRET-SESSION/);

    const [issue] = await server.store.listIssues({ projectId: server.projectId });
    assert.ok(issue);
    assert.equal(issue.title, 'Error: checkout failed');
    assert.equal(issue.count, 1);
    assert.equal(issue.userCount, 1);
    assert.equal(issue.lastRelease, 'shop@2.3.1');
  });
});

describe('sentry-python 1.9 (Debian) on the legacy store endpoint', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  it('is stored and the two captures of one bug are grouped into one issue', async () => {
    const run = await runProcess(DEBIAN_PYTHON, [
      path.join(FIXTURES_DIR, 'sentry-python-app.py'),
      server.dsn,
    ]);
    assert.equal(
      run.code,
      0,
      `python3-sentry-sdk must be installed (apt-get install python3-sentry-sdk): ${run.stderr}`,
    );
    const { event_ids: eventIds } = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      event_ids: string[];
    };
    assert.equal(eventIds.length, 2);
    await server.idle();

    for (const eventId of eventIds) {
      const stored = await server.store.getEvent(server.projectId, eventId);
      assert.ok(stored, `event ${eventId} is stored`);
      const event = stored.event as unknown as SentryEvent;
      assert.equal(event.platform, 'python');
      assert.deepEqual(
        event.exception!.values.map((v) => v.type),
        ['KeyError', 'RuntimeError'],
      );
    }
    const issues = await server.store.listIssues({ projectId: server.projectId });
    assert.equal(issues.length, 1, 'different customer numbers, same bug: one issue');
    assert.equal(issues[0]!.count, 2);
    assert.match(issues[0]!.title, /^RuntimeError: could not charge customer/);
  });
});
