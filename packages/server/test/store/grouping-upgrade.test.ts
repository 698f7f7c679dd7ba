/**
 * Upgrading grouping must not split issues: a store whose issues were made by v1, moved to v2
 * with v1 as its secondary (by the upgrade's migration, or by switching in settings), keeps one
 * issue per error for the errors it had, while a new error still makes a new issue. Through the
 * real pipeline (digestBatch) and the real persist path, on SQLite and PostgreSQL, with the
 * errors that matter sent together in one batch.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { SentryEvent } from '@faultline/protocol';
import { digestBatch } from '../../src/digest/pipeline.js';
import { groupingSwitch } from '../../src/digest/grouping/transition.js';
import { issueGrouping } from '../../src/store/issue-grouping.js';
import { openStore } from '../../src/store/open-store.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import { renderDdl as renderPostgresDdl } from '../../src/store/postgres/render-ddl.js';
import { MAIN_MIGRATIONS } from '../../src/store/schema/main-migrations.js';
import { renderDdl as renderSqliteDdl } from '../../src/store/sqlite/render-ddl.js';
import { MAIN_DB_FILE } from '../../src/store/sqlite/sqlite-store.js';
import { numberColumn, optionalStringColumn, stringColumn } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';
import { eventEnvelope, newEventId } from '../helpers/envelopes.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { queued, T0 } from '../helpers/store-records.js';
import { browserBundle, flaskLambda, sentryNode7Handler } from '../fixtures/grouping-shapes.js';

const DAY = 24 * 60 * 60;

/** The main migration that gave projects their grouping version (wherever the list puts it). */
const GROUPING_MIGRATION = MAIN_MIGRATIONS.find((migration) =>
  migration.steps.some((step) => step.kind === 'column' && step.column.name === 'grouping_version'),
)!;

const ERRORS = {
  handlerA: () =>
    sentryNode7Handler("app.get('/a', (req, res) => { throw new Error('boom') })", 12),
  // v1 merges it with handlerA (both `<anonymous>`); v2 tells them apart.
  handlerB: () =>
    sentryNode7Handler("app.get('/b', (req, res) => { throw new Error('boom') })", 13),
  browser: () => browserBundle('TypeError', 'a is undefined', { lineno: 1, colno: 5123 }),
  lambda: () => flaskLambda("app.add_url_rule('/a', 'a', lambda: 1 / 0)", 8),
  message: (): SentryEvent => ({
    event_id: newEventId(),
    timestamp: T0,
    platform: 'python',
    level: 'warning',
    environment: 'production',
    logentry: { message: 'cache warmup took %s ms', formatted: 'cache warmup took 12 ms' },
  }),
  newError: () => browserBundle('RangeError', 'bad length', { lineno: 1, colno: 777 }),
};
type ErrorName = keyof typeof ERRORS;

/** Digests one batch of these errors through the pipeline and persists it; their event ids. */
async function send(
  store: Store,
  projectId: number,
  names: readonly ErrorName[],
  receivedAt: number,
): Promise<string[]> {
  const entries = names.map((name) => {
    const eventId = newEventId();
    const event = { ...ERRORS[name](), event_id: eventId, timestamp: receivedAt };
    return queued(projectId, { eventId, receivedAt, envelope: eventEnvelope(event) });
  });
  await store.enqueue(entries);
  const claimed = await store.claimBatch(entries.length);
  assert.equal(claimed.length, entries.length);
  const { batch } = await digestBatch(claimed, {
    project: (id) => store.getProject(id),
    onEntryFailed: (error) => {
      throw error;
    },
  });
  assert.equal(batch.events.length, entries.length, 'every event digested');
  await store.completeBatch(claimed, batch);
  await store.pruneQueue();
  return entries.map((entry) => entry.eventId);
}

/** The issue each event went to. */
async function issuesOf(store: Store, eventIds: readonly string[]): Promise<number[]> {
  const issues: number[] = [];
  for (const eventId of eventIds) {
    const [row] = await store.sql.all('SELECT issue_id FROM events WHERE event_id = ?', [eventId]);
    issues.push(numberColumn(row!, 'issue_id'));
  }
  return issues;
}

async function issueCount(store: Store, projectId: number): Promise<number> {
  const [row] = await store.sql.all('SELECT count(*) AS n FROM issues WHERE project_id = ?', [
    projectId,
  ]);
  return Number(row!['n']);
}

async function hashRows(store: Store, issueId: number) {
  const rows = await store.sql.all(
    `SELECT grouping_version, joined_via_hash FROM issue_hashes WHERE issue_id = ?
     ORDER BY grouping_version`,
    [issueId],
  );
  return rows.map((row) => ({
    version: stringColumn(row, 'grouping_version'),
    joinedVia: optionalStringColumn(row, 'joined_via_hash') !== undefined,
  }));
}

/**
 * Takes a closed store's database back to before the grouping migration, then runs that
 * migration's statements as the dialect's migration runner renders them: the upgrade, on a store
 * that holds v1 issues, wherever other migrations put it in the list.
 */
async function rerunGroupingMigration(config: StoreConfig): Promise<void> {
  const undo = [
    'ALTER TABLE projects DROP COLUMN grouping_version',
    'ALTER TABLE projects DROP COLUMN secondary_grouping_version',
    'ALTER TABLE projects DROP COLUMN secondary_grouping_until',
    'ALTER TABLE issue_hashes DROP COLUMN joined_via_hash',
  ];
  if (config.kind === 'postgres') {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      for (const statement of [...undo, ...renderPostgresDdl(GROUPING_MIGRATION)])
        await client.query(statement);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(config.dataDir, MAIN_DB_FILE));
  try {
    for (const statement of [...undo, ...renderSqliteDdl(GROUPING_MIGRATION)]) db.exec(statement);
  } finally {
    db.close();
  }
}

/** A project grouping by v1 alone, as every project did before v2. */
async function v1Project(store: Store, name: string): Promise<number> {
  const project = await store.createProject(name);
  await store.updateProject(project.id, { groupingVersion: 'v1', secondaryGrouping: undefined });
  return project.id;
}

for (const dialect of await storeDialects()) {
  describe(`Grouping upgrade v1 → v2 (${dialect.name})`, { skip: dialect.skip }, () => {
    let config: StoreConfig;
    let store: Store;
    before(async () => {
      config = await dialect.freshConfig();
      store = await openStore(config);
    });
    after(() => store.close());

    it('new projects group by v2 with no transition', async () => {
      const project = await store.createProject('fresh');
      assert.equal(project.groupingVersion, 'v2');
      assert.equal(project.secondaryGrouping, undefined);
      const [a, b] = await issuesOf(
        store,
        await send(store, project.id, ['handlerA', 'handlerB'], T0),
      );
      assert.notEqual(a, b, 'v2 tells the two anonymous handlers apart');
    });

    it('the upgrade migration moves v1 projects to v2 without splitting their issues', async () => {
      const projectId = await v1Project(store, 'upgraded');
      const before = await issuesOf(
        store,
        await send(store, projectId, ['handlerA', 'handlerB', 'browser', 'lambda', 'message'], T0),
      );
      const [handlerA, handlerB, browser, lambda, message] = before;
      assert.equal(handlerA, handlerB, 'v1 merged the two handlers');
      assert.equal(await issueCount(store, projectId), 4);

      await store.close();
      await rerunGroupingMigration(config);
      store = await openStore(config);
      const upgraded = await store.getProject(projectId);
      assert.equal(upgraded?.groupingVersion, 'v2');
      assert.equal(upgraded?.secondaryGrouping?.version, 'v1');
      const until = upgraded?.secondaryGrouping?.until ?? 0;
      const now = Date.now() / 1000;
      assert.ok(until > now + 89 * DAY && until < now + 91 * DAY, `until ${until}: 90 days on`);

      // One batch: the same errors again, one of them twice, and an error never seen.
      const later = T0 + DAY;
      const after = await issuesOf(
        store,
        await send(
          store,
          projectId,
          ['handlerA', 'browser', 'browser', 'lambda', 'message', 'handlerB', 'newError'],
          later,
        ),
      );
      assert.deepEqual(after.slice(0, 6), [handlerA, browser, browser, lambda, message, handlerB]);
      const newIssue = after[6]!;
      assert.ok(!before.includes(newIssue), 'a new distinct error makes a new issue');
      assert.equal(await issueCount(store, projectId), 5);

      // The old issue now carries its v2 hash, joined through its v1 hash: found directly next.
      assert.deepEqual(await hashRows(store, browser!), [
        { version: 'v1', joinedVia: false },
        { version: 'v2', joinedVia: true },
      ]);
      // Both handlers' v2 hashes joined the issue v1 had made for them.
      assert.equal((await hashRows(store, handlerA!)).length, 3);
      // A message's v1 and v2 hashes are the same: nothing to join.
      assert.deepEqual(await hashRows(store, message!), [{ version: 'v1', joinedVia: false }]);
      assert.deepEqual(await hashRows(store, newIssue), [{ version: 'v2', joinedVia: false }]);

      // "Why grouped" (GET /api/0/issues/:id/grouping/) says which hash joined through which.
      const why = await issueGrouping(store.sql, browser!);
      assert.deepEqual(
        why.map((entry) => [entry.groupingVersion, entry.joinedVia?.groupingVersion ?? null]),
        [
          ['v2', 'v1'],
          ['v1', null],
        ],
      );
      assert.equal(why[0]!.joinedVia?.hash, why[1]!.hash);

      const again = await issuesOf(store, await send(store, projectId, ['browser'], later + 1));
      assert.deepEqual(again, [browser]);
      assert.equal((await hashRows(store, browser!)).length, 2, 'no hash added twice');
    });

    it('switching in settings starts a transition from the old version; after it ends, v1 is not consulted', async () => {
      const projectId = await v1Project(store, 'switched');
      const [browser, lambda] = await issuesOf(
        store,
        await send(store, projectId, ['browser', 'lambda'], T0),
      );
      const switchedAt = T0 + DAY;
      const project = (await store.getProject(projectId))!;
      await store.updateProject(projectId, groupingSwitch(project, 'v2', switchedAt));
      const switched = await store.getProject(projectId);
      assert.equal(switched?.groupingVersion, 'v2');
      assert.deepEqual(switched?.secondaryGrouping, {
        version: 'v1',
        until: switchedAt + 90 * DAY,
      });

      const during = await issuesOf(
        store,
        await send(store, projectId, ['browser'], switchedAt + DAY),
      );
      assert.deepEqual(during, [browser]);
      // The lambda came back only after the transition: its v1 issue is not looked for any more.
      const [lambdaAfter] = await issuesOf(
        store,
        await send(store, projectId, ['lambda'], switchedAt + 91 * DAY),
      );
      assert.notEqual(lambdaAfter, lambda);
      // The browser error had joined during the transition: its issue goes on.
      const [browserAfter] = await issuesOf(
        store,
        await send(store, projectId, ['browser'], switchedAt + 91 * DAY),
      );
      assert.equal(browserAfter, browser);
    });
  });
}
