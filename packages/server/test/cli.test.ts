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
      [['tail', '--project', '0'], /--project must be a positive/],
      [
        ['issues', '--database-url', 'mysql://root:hunter2@127.0.0.1/faultline'],
        /--database-url must be a postgres:\/\/ URL, got "mysql:\/\/root:\*\*\*@127\.0\.0\.1\/faultline"/,
      ],
      [
        ['serve', '--data-dir', temp.dir, '--database-url', 'postgres://127.0.0.1/x'],
        /use --data-dir \(SQLite\) or --database-url \(PostgreSQL\), not both/,
      ],
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

  it('serve says in one line why it cannot start, and exits', async () => {
    const other = makeTempDir();
    try {
      const taken = await faultline(
        'serve',
        '--data-dir',
        other.dir,
        '--port',
        new URL(server.url).port,
      );
      assert.equal(taken.code, 1, taken.stderr);
      assert.match(
        taken.stderr,
        /^faultline serve: cannot start \(data in .*\): listen EADDRINUSE/,
      );
      const unreachable = await faultline(
        'serve',
        '--database-url',
        'postgres://postgres:hunter2@127.0.0.1:1/faultline',
        '--port',
        '0',
      );
      assert.equal(unreachable.code, 1, unreachable.stderr);
      assert.match(
        unreachable.stderr,
        /^faultline serve: cannot start \(database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/faultline\): .*ECONNREFUSED/,
      );
    } finally {
      other.cleanup();
    }
  });

  it('read commands say clearly when the database cannot be reached, without its password', async () => {
    const result = await faultline(
      'issues',
      '--database-url',
      'postgres://postgres:hunter2@127.0.0.1:1/faultline',
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /cannot open the database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/faultline: .*ECONNREFUSED/,
    );
    assert.doesNotMatch(result.stderr, /hunter2/);
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
