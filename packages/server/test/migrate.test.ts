/**
 * `faultline migrate` as a user runs it: a SQLite data dir filled by a real server over HTTP
 * (issues, a resolved one, an attachment, outcomes, entries still queued), copied by the real
 * CLI process into a fresh PostgreSQL database, then read back through the PostgreSQL Store and
 * served by a real PostgreSQL node. Skipped, saying why, where no PostgreSQL is reachable.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dsnFromString } from '@faultline/protocol';
import pg from 'pg';
import { openStore } from '../src/store/open-store.js';
import type { StoreConfig } from '../src/store/open-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import {
  authQuery,
  envelope,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from './helpers/envelopes.js';
import { CLI_PATH } from './helpers/paths.js';
import { runProcess } from './helpers/run-process.js';
import { spawnServer } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';
import { storeDialects } from './helpers/store-dialects.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { startTestServer } from './helpers/test-server.js';

const postgres = (await storeDialects()).find((dialect) => dialect.name === 'postgres')!;

const faultline = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runProcess(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, ...env },
    timeoutMs: 60_000,
  });

async function waitFor(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Source {
  dataDir: string;
  projectId: number;
  /** The events still queued, not digested, when the server stopped. */
  pendingEventIds: string[];
}

/** A data dir as a SQLite server leaves it, with a bit of everything the schema holds. */
async function populateSource(): Promise<Source> {
  const server = await startTestServer();
  const dataDir = server.dataDir;
  const url = server.envelopeUrl + authQuery(server.publicKey);
  for (let n = 0; n < 9; n++) {
    const event = nodeErrorEvent(newEventId(), {
      fingerprint: [`bug-${n % 3}`],
      user: { id: `u-${n % 4}` },
      release: `shop@1.0.${n % 2}`,
      tags: { feature: 'checkout', attempt: String(n) },
    });
    assert.equal((await post(url, eventEnvelope(event))).status, 200);
  }
  const withAttachment = newEventId();
  const attached = envelope({ event_id: withAttachment }, [
    { headers: { type: 'event' }, payload: JSON.stringify(nodeErrorEvent(withAttachment)) },
    {
      headers: { type: 'attachment', filename: 'dump.bin', content_type: 'application/x-dump' },
      payload: Buffer.from([0, 1, 2, 255, 0, 10]),
      withLength: true,
    },
  ]);
  assert.equal((await post(url, attached)).status, 200);
  const report = envelope({}, [
    {
      headers: { type: 'client_report' },
      payload: JSON.stringify({
        timestamp: Date.now() / 1000,
        discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 3 }],
      }),
    },
  ]);
  assert.equal((await post(url, report)).status, 200);
  await server.idle();
  await waitFor('the client report', async () =>
    (await server.store.listOutcomes(server.projectId)).some((o) => o.outcome === 'client_discard'),
  );
  const [resolved] = await server.store.listIssues({ projectId: server.projectId });
  await server.store.setIssueStatus(resolved!.id, 'resolved', Date.now() / 1000);
  // Not server.stop(): that removes the data dir, which the tests are about.
  await server.close();
  await server.store.close();

  // Acknowledged but not digested when the server stopped: queued behind the digest cursor.
  const pendingEventIds = [newEventId(), newEventId(), newEventId()];
  const store = openSqliteStore(dataDir);
  await store.enqueue(
    pendingEventIds.map((eventId) => ({
      projectId: server.projectId,
      eventId,
      kind: 'event' as const,
      receivedAt: Date.now() / 1000,
      envelope: eventEnvelope(nodeErrorEvent(eventId, { fingerprint: ['still-queued'] })),
    })),
  );
  await store.close();
  return { dataDir, projectId: server.projectId, pendingEventIds };
}

/** Everything a Store shows of its data, in one comparable value. */
async function everythingIn(store: Store) {
  const projects = await store.listProjects();
  const perProject = [];
  for (const project of projects) {
    const issues = [];
    for (const issue of await store.listIssues({ projectId: project.id })) {
      const events = [];
      for (const event of await store.listEvents(issue.id, {})) {
        events.push({
          event,
          attachments: await store.listAttachments(project.id, event.eventId),
        });
      }
      issues.push({
        issue,
        hourly: await store.issueHourlyCounts(issue.id),
        tags: await store.issueTagCounts(issue.id),
        activity: await store.issueActivity(issue.id),
        events,
      });
    }
    perProject.push({
      project,
      keys: await store.listKeys(project.id),
      outcomes: await store.listOutcomes(project.id),
      issues,
    });
  }
  return {
    perProject,
    events: await store.countEvents(),
    queued: (await store.queueStats()).depth,
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every row of every table, ordered, but the queue's own ids and leases (new in the target). */
async function dumpTables(url: string): Promise<Record<string, unknown[]>> {
  return withClient(url, async (client) => {
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
       AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition)
       AND NOT (table_name = 'queue' AND column_name IN ('id', 'claimed_until'))
       ORDER BY table_name, ordinal_position`,
    );
    const byTable = new Map<string, string[]>();
    for (const { table_name, column_name } of columns.rows)
      byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
    const dump: Record<string, unknown[]> = {};
    for (const [table, names] of byTable) {
      const order = names.map((_, index) => index + 1).join(', ');
      dump[table] = (
        await client.query(`SELECT ${names.join(', ')} FROM ${table} ORDER BY ${order}`)
      ).rows;
    }
    return dump;
  });
}

function urlOf(config: StoreConfig): string {
  assert.equal(config.kind, 'postgres');
  return config.kind === 'postgres' ? config.url : '';
}

/** The summary's rows: table, source count, target count. */
function summaryCounts(stdout: string): Map<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const match of stdout.matchAll(/^(\w[\w ()]*?)\s+(\d+)\s+(\d+)$/gm))
    counts.set(match[1]!, [Number(match[2]), Number(match[3])]);
  return counts;
}

describe('faultline migrate', () => {
  const temp = makeTempDir('faultline-migrate-');
  let source: Source;
  before(async () => {
    source = await populateSource();
  });
  after(() => {
    fs.rmSync(source.dataDir, { recursive: true, force: true });
    temp.cleanup();
  });

  describe('into PostgreSQL', { skip: postgres.skip }, () => {
    const servers: ServerProcess[] = [];
    after(async () => {
      for (const server of servers) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    });

    it('copies every row with its id, verifies the counts, and a PostgreSQL node takes over', async () => {
      const config = await postgres.freshConfig();
      const url = urlOf(config);
      const result = await faultline([
        'migrate',
        '--from',
        `sqlite:${source.dataDir}`,
        '--to',
        url,
      ]);
      assert.equal(result.code, 0, result.stderr);

      const counts = summaryCounts(result.stdout);
      for (const table of ['projects', 'project_keys', 'issues', 'issue_hashes', 'issue_hourly']) {
        assert.ok(counts.has(table), `the summary counts ${table}:\n${result.stdout}`);
      }
      for (const [table, [inSource, inTarget]] of counts)
        assert.equal(inTarget, inSource, `${table} in the target`);
      assert.deepEqual(counts.get('queue (pending)'), [3, 3]);
      assert.deepEqual(counts.get('attachments'), [1, 1]);
      const total = [...counts.values()].reduce((sum, [, inTarget]) => sum + inTarget, 0);
      assert.match(
        result.stdout,
        new RegExp(`^verified: ${total} rows in ${counts.size} tables$`, 'm'),
      );
      assert.match(result.stderr, /^events\s+10\/10 100%$/m, 'progress, a line per table');

      const sqlite = openSqliteStore(source.dataDir, { readonly: true });
      const target = await openStore(config);
      try {
        const inSqlite = await everythingIn(sqlite);
        // The source holds what the test means it to, or the comparison would prove little.
        const issues = inSqlite.perProject[0]!.issues;
        assert.equal(issues.length, 4);
        assert.ok(issues.some(({ issue }) => issue.status === 'resolved'));
        assert.ok(issues.some(({ events }) => events.some((e) => e.attachments.length === 1)));
        assert.ok(inSqlite.perProject[0]!.outcomes.some((o) => o.outcome === 'client_discard'));
        assert.equal(inSqlite.queued, 3);
        assert.deepEqual(await everythingIn(target), inSqlite);
      } finally {
        await sqlite.close();
        await target.close();
      }

      const maxIds = await withClient(url, async (client) => {
        const { rows } = await client.query<{ event: number; issue: number }>(
          'SELECT (SELECT max(id) FROM events)::int AS event, (SELECT max(id) FROM issues)::int AS issue',
        );
        return rows[0]!;
      });
      const node = await spawnServer({ databaseUrl: url });
      servers.push(node);
      const dsn = dsnFromString(node.dsn);
      assert.equal(Number(dsn.projectId), source.projectId);
      const fresh = newEventId();
      const sent = await post(
        `${node.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`,
        eventEnvelope(nodeErrorEvent(fresh, { fingerprint: ['after-migration'] })),
      );
      assert.equal(sent.status, 200, 'the migrated key is accepted');
      const stored = await withClient(url, async (client) => {
        const ids = [...source.pendingEventIds, fresh];
        await waitFor('the queued and the new events', async () => {
          const { rows } = await client.query('SELECT 1 FROM events WHERE event_id = ANY($1)', [
            ids,
          ]);
          return rows.length === ids.length;
        });
        const { rows } = await client.query<{ event_id: string; id: number; issue_id: number }>(
          'SELECT event_id, id::int, issue_id::int FROM events WHERE event_id = ANY($1)',
          [ids],
        );
        return rows;
      });
      for (const row of stored) {
        assert.ok(row.id > maxIds.event, `event ${row.event_id} got a fresh id (${row.id})`);
        assert.ok(row.issue_id > maxIds.issue, `its issue is new (${row.issue_id})`);
      }
    });

    it('resumes after being killed mid-chunk, to the same rows as an uninterrupted run', async () => {
      const from = `sqlite:${source.dataDir}`;
      const whole = urlOf(await postgres.freshConfig());
      const wholeRun = await faultline([
        'migrate',
        '--from',
        from,
        '--to',
        whole,
        '--chunk-rows',
        '2',
      ]);
      assert.equal(wholeRun.code, 0, wholeRun.stderr);

      // Each run commits one chunk and is killed inside the next: every chunk of every table
      // but the first is interrupted once before it commits.
      const chunks = [...summaryCounts(wholeRun.stdout).values()].reduce(
        (sum, [inSource]) => sum + Math.ceil(inSource / 2),
        0,
      );
      const resumed = urlOf(await postgres.freshConfig());
      const crash = { FAULTLINE_MIGRATE_CRASH_AFTER_CHUNKS: '1' };
      let killed = 0;
      let last;
      for (let run = 0; run < chunks + 5; run++) {
        last = await faultline(
          ['migrate', '--from', from, '--to', resumed, '--chunk-rows', '2'],
          crash,
        );
        if (last.code !== null) break;
        killed++;
      }
      assert.equal(last?.code, 0, last?.stderr);
      assert.match(last!.stdout, /^verified: /m);
      assert.equal(killed, chunks - 1, 'killed once inside every chunk but the first');
      assert.deepEqual(await dumpTables(resumed), await dumpTables(whole));

      // Run again once complete: nothing more is copied, and the counts still verify.
      const again = await faultline(['migrate', '--from', from, '--to', resumed]);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout, wholeRun.stdout);
    });

    it('refuses a target holding data that did not come from this source, saying what to do', async () => {
      const config = await postgres.freshConfig();
      const store = await openStore(config);
      await store.ensureDefaultProject(); // what starting a server on it does
      await store.close();
      const used = await faultline([
        'migrate',
        '--from',
        `sqlite:${source.dataDir}`,
        '--to',
        urlOf(config),
      ]);
      assert.equal(used.code, 1, used.stderr);
      assert.match(
        used.stderr,
        /already holds Faultline data that did not come from .* \(its projects table has rows\)/,
      );
      assert.match(used.stderr, /Migrate into a new, empty database/);

      const migrated = urlOf(await postgres.freshConfig());
      assert.equal(
        (await faultline(['migrate', '--from', `sqlite:${source.dataDir}`, '--to', migrated])).code,
        0,
      );
      const copy = path.join(temp.dir, 'copy');
      fs.cpSync(source.dataDir, copy, { recursive: true });
      const other = await faultline(['migrate', '--from', `sqlite:${copy}`, '--to', migrated]);
      assert.equal(other.code, 1, other.stderr);
      assert.match(other.stderr, /already holds data migrated from sqlite:.*, not from .*copy/);
    });
  });

  it('explains bad arguments (exit 2) and a source or target it cannot use (exit 1)', async () => {
    const from = `sqlite:${source.dataDir}`;
    const empty = makeTempDir();
    try {
      const cases: Array<[string[], number, RegExp]> = [
        [['migrate'], 2, /--from sqlite:DIR is required/],
        [['migrate', '--from', source.dataDir], 2, /--from must be sqlite:DIR/],
        [['migrate', '--from', from], 2, /--to postgres:\/\/… is required/],
        [
          ['migrate', '--from', from, '--to', 'mysql://root:hunter2@127.0.0.1/faultline'],
          2,
          /--to must be a postgres:\/\/ URL, got "mysql:\/\/root:\*\*\*@127\.0\.0\.1\/faultline"/,
        ],
        [
          ['migrate', '--from', from, '--to', 'postgres://127.0.0.1/x', '--chunk-rows', '0'],
          2,
          /--chunk-rows must be a positive whole number/,
        ],
        [
          ['migrate', '--from', `sqlite:${empty.dir}`, '--to', 'postgres://127.0.0.1:1/x'],
          1,
          /no Faultline data in .* \(no faultline\.db there\)/,
        ],
        [
          ['migrate', '--from', from, '--to', 'postgres://postgres:hunter2@127.0.0.1:1/faultline'],
          1,
          /cannot open the database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/faultline: .*ECONNREFUSED/,
        ],
      ];
      for (const [args, code, message] of cases) {
        const result = await faultline(args);
        assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message);
        assert.doesNotMatch(result.stderr, /hunter2/);
      }
    } finally {
      empty.cleanup();
    }
  });
});
