/**
 * Faultline on PostgreSQL as a user runs it: `faultline serve --database-url`, here as two
 * server processes on one database (two nodes), with events sent to both and read back with the
 * CLI and the live stream. Skipped, saying why, where no PostgreSQL is reachable (required in CI).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { dsnFromString } from '@faultline/protocol';
import { openStore } from '../src/store/open-store.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createToken, login } from './helpers/api-client.js';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import { CLI_PATH } from './helpers/paths.js';
import { runProcess } from './helpers/run-process.js';
import { spawnServer } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';
import { storeDialects } from './helpers/store-dialects.js';
import { spawnTail } from './helpers/tail-process.js';
import type { TailProcess } from './helpers/tail-process.js';

const postgres = (await storeDialects()).find((dialect) => dialect.name === 'postgres')!;
const EVENTS_PER_NODE = 150;
const ISSUES = 3;

async function cli(...args: string[]) {
  const result = await runProcess(process.execPath, [CLI_PATH, ...args]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

describe('two nodes on one PostgreSQL database', { skip: postgres.skip }, () => {
  const nodes: ServerProcess[] = [];
  let tail: TailProcess | undefined;
  after(async () => {
    await tail?.stop();
    for (const node of nodes) {
      node.child.kill('SIGTERM');
      await node.exited;
    }
  });

  it('share one project, store every acknowledged event once, and count issues right', async () => {
    const config = await postgres.freshConfig();
    assert.equal(config.kind, 'postgres');
    const databaseUrl = config.kind === 'postgres' ? config.url : '';
    // Started together on an empty database: both must bootstrap the same project and key.
    const env = {
      ...process.env,
      FAULTLINE_ADMIN_EMAIL: ADMIN_EMAIL,
      FAULTLINE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    nodes.push(
      ...(await Promise.all([
        spawnServer({ databaseUrl }, [], env),
        spawnServer({ databaseUrl }, [], env),
      ])),
    );
    const [a, b] = nodes.map((node) => dsnFromString(node.dsn));
    assert.equal(a!.publicKey, b!.publicKey);
    assert.equal(a!.projectId, b!.projectId);
    assert.match(nodes[0]!.output(), /\(database postgres:\/\/postgres@127\.0\.0\.1:5432\//);
    // A client of one node's live stream hears every event, whichever node took and digested it.
    const token = await createToken(
      nodes[0]!,
      await login(nodes[0]!, ADMIN_EMAIL, ADMIN_PASSWORD),
      'read',
    );
    tail = await spawnTail(['--json'], {
      ...process.env,
      FAULTLINE_URL: nodes[0]!.url,
      FAULTLINE_TOKEN: token,
    });

    const sent: string[] = [];
    const sends = nodes.flatMap((node) =>
      Array.from({ length: EVENTS_PER_NODE }, async (_, n) => {
        const eventId = newEventId();
        const event = nodeErrorEvent(eventId, { fingerprint: [`bug-${n % ISSUES}`] });
        const url = `${node.url}/api/${a!.projectId}/envelope/${authQuery(a!.publicKey)}`;
        const answer = await post(url, eventEnvelope(event));
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        sent.push(eventId);
        // The same event again, to the other node: acknowledged, not stored twice.
        if (n % 10 === 0) {
          const other = nodes.find((candidate) => candidate !== node)!;
          const again = `${other.url}/api/${a!.projectId}/envelope/${authQuery(a!.publicKey)}`;
          assert.equal((await post(again, eventEnvelope(event))).status, 200);
        }
      }),
    );
    await Promise.all(sends);

    const store = await openStore(config);
    try {
      const deadline = Date.now() + 30_000;
      while ((await store.countEvents()) < sent.length && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(await store.countEvents(), sent.length, 'every acknowledged event, once');
      for (const eventId of sent.slice(0, 20))
        assert.ok(
          await store.getEvent(Number(a!.projectId), eventId),
          `event ${eventId} is stored`,
        );
    } finally {
      await store.close();
    }
    await tail.untilLines(sent.length);
    assert.equal(await tail.stop(), 0);
    const announced = tail
      .lines()
      .map((line) => JSON.parse(line) as { eventId: string; newIssue: boolean });
    assert.deepEqual(
      announced.map((event) => event.eventId).sort(),
      [...sent].sort(),
      'tail announced each stored event once',
    );
    assert.equal(announced.filter((event) => event.newIssue).length, ISSUES);

    const issues = JSON.parse(
      await cli('issues', '--database-url', databaseUrl, '--json'),
    ) as Array<{
      id: number;
      count: number;
    }>;
    assert.equal(issues.length, ISSUES);
    assert.deepEqual(
      issues.map((issue) => issue.count).sort((x, y) => x - y),
      [100, 100, 100],
    );
    const events = JSON.parse(
      await cli(
        'events',
        '--issue',
        String(issues[0]!.id),
        '--database-url',
        databaseUrl,
        '--json',
      ),
    ) as unknown[];
    assert.equal(events.length, 100);
    const dsn = dsnFromString((await cli('dsn', '--database-url', databaseUrl)).trim());
    assert.equal(dsn.publicKey, a!.publicKey);
  });
});
