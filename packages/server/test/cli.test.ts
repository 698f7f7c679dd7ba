/** The `faultline` CLI as users and scripts run it: a real server process and real commands. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dsnFromString } from '@faultline/protocol';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import { CLI_PATH } from './helpers/paths.js';
import { runProcess } from './helpers/run-process.js';
import { spawnServer } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';
import { makeTempDir } from './helpers/temp-dir.js';

const faultline = (...args: string[]) => runProcess(process.execPath, [CLI_PATH, ...args]);

describe('faultline CLI', () => {
  const temp = makeTempDir();
  let server: ServerProcess;
  before(async () => {
    server = await spawnServer(temp.dir);
  });
  after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    temp.cleanup();
  });

  it('serve prints the DSN of project 1, and dsn prints the same key', async () => {
    assert.match(server.dsn, /^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:\d+\/1$/);
    const result = await faultline(
      'dsn',
      '--data-dir',
      temp.dir,
      '--port',
      new URL(server.url).port,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), server.dsn);
  });

  it('send-test-event sends a real event and says it was accepted; issues and events show it', async () => {
    const sent = await faultline('send-test-event', '--dsn', server.dsn);
    assert.equal(sent.code, 0, sent.stderr);
    const eventId = /accepted: event ([0-9a-f]{32})/.exec(sent.stdout)?.[1];
    assert.ok(eventId, sent.stdout);

    let issues: Array<Record<string, unknown>> = [];
    const deadline = Date.now() + 10_000;
    while (issues.length === 0 && Date.now() < deadline) {
      const listed = await faultline('issues', '--data-dir', temp.dir, '--json');
      assert.equal(listed.code, 0, listed.stderr);
      issues = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
      if (issues.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [issue] = issues;
    assert.ok(issue);
    for (const field of [
      'id',
      'title',
      'culprit',
      'level',
      'status',
      'count',
      'first_seen',
      'last_seen',
    ]) {
      assert.ok(field in issue, `issue has ${field}`);
    }
    assert.equal(
      issue['title'],
      'Error: Faultline test event: if you can read this, events arrive',
    );
    assert.equal(issue['status'], 'unresolved');
    assert.equal(issue['count'], 1);

    const table = await faultline('issues', '--data-dir', temp.dir);
    assert.match(table.stdout, /Faultline test event/);

    const events = await faultline(
      'events',
      '--issue',
      String(issue['id']),
      '--data-dir',
      temp.dir,
      '--json',
    );
    assert.equal(events.code, 0, events.stderr);
    const [event] = JSON.parse(events.stdout) as Array<
      Record<string, unknown> & { exception: { values: Array<{ value: string }> } }
    >;
    assert.equal(event!['event_id'], eventId);
    assert.deepEqual(
      event!.exception.values.map((v) => v.value),
      [
        'this is the root cause of the test event',
        'Faultline test event: if you can read this, events arrive',
      ],
      'exceptions oldest first',
    );
  });

  it('send-test-event reports a refused event and an unreachable server with exit code 1', async () => {
    const wrongKey = server.dsn.replace(/\/\/[0-9a-f]{32}@/, '//ffffffffffffffffffffffffffffffff@');
    const refused = await faultline('send-test-event', '--dsn', wrongKey);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refused: HTTP 401: unknown sentry_key/);
    const unreachable = await faultline('send-test-event', '--dsn', 'http://abc@127.0.0.1:1/1');
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /could not reach http:\/\/127\.0\.0\.1:1\/api\/1\/envelope\//);
  });

  it('explains bad arguments with exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['events', '--data-dir', temp.dir], /--issue ID is required/],
      [
        ['events', '--issue', 'abc', '--data-dir', temp.dir],
        /--issue must be a positive whole number/,
      ],
      [['issues', '--bogus'], /Unknown option '--bogus'/],
      [['send-test-event', '--dsn', 'not a dsn'], /invalid DSN|DSN/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const result = await faultline(...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });

  it('serve takes its limits from flags', async () => {
    const other = makeTempDir();
    const limited = await spawnServer(other.dir, ['--max-event-bytes', '2000']);
    try {
      const dsn = dsnFromString(limited.dsn);
      const response = await post(
        `${limited.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`,
        eventEnvelope(nodeErrorEvent(newEventId())),
      );
      assert.equal(response.status, 413);
      assert.match(String(response.body['detail']), /over the limit of 2000 bytes/);
    } finally {
      limited.child.kill('SIGTERM');
      await limited.exited;
      other.cleanup();
    }
  });

  it('read commands say clearly when the data dir holds no Faultline data', async () => {
    const empty = makeTempDir();
    try {
      const result = await faultline('issues', '--data-dir', empty.dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /no Faultline data/);
    } finally {
      empty.cleanup();
    }
  });
});
