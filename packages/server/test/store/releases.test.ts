/**
 * Releases on every dialect: made by the first event naming them (with counts, first/last event
 * and new issues) or by the API, with deploys; issues resolved in a release or in the next one
 * regress only on a later release's events; the migration that adds releases backfills them
 * from the issues already stored, and gives the projects slugs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { setIssuesStatus } from '../../src/store/issue-actions.js';
import { openStore } from '../../src/store/open-store.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import { renderDdl as renderPostgres } from '../../src/store/postgres/render-ddl.js';
import {
  addDeploy,
  deploysByEnvironment,
  getRelease,
  latestRelease,
  listDeploys,
  saveRelease,
} from '../../src/store/releases.js';
import { MAIN_MIGRATIONS } from '../../src/store/schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../../src/store/schema/queue-migrations.js';
import { migrate as migrateSqlite } from '../../src/store/sqlite/migrations.js';
import { MAIN_DB_FILE } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import type { DigestedEvent } from '../../src/store/types.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { T0, digested, persistEvents } from '../helpers/store-records.js';

const hash = (label: string) => label.padEnd(32, '0');
const by = { userId: undefined, at: T0 + 100 };

/** A database at the schema just before releases, holding two projects and an issue. */
async function databaseBeforeReleases(config: StoreConfig): Promise<void> {
  const before = MAIN_MIGRATIONS.slice(0, -1);
  const rows = [
    `INSERT INTO projects (name, created_at) VALUES ('default', 0), ('Shop Front', 0)`,
    `INSERT INTO issues (project_id, title, culprit, level, platform, first_seen, last_seen,
       first_release, last_release) VALUES
       (2, 'Error: a', '', 'error', 'node', 10, 50, 'shop@1.0.0', 'shop@1.1.0'),
       (2, 'Error: b', '', 'error', 'node', 20, 30, 'shop@1.0.0', 'shop@1.0.0')`,
  ];
  if (config.kind === 'sqlite') {
    const db = new Database(path.join(config.dataDir, MAIN_DB_FILE));
    migrateSqlite(db, before);
    for (const statement of rows) db.exec(statement);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const statements = [
      ...before.flatMap(renderPostgres),
      ...QUEUE_MIGRATIONS.flatMap(renderPostgres),
      `CREATE TABLE schema_migrations (track TEXT NOT NULL, version INTEGER NOT NULL,
         applied_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (track, version))`,
      ...before.map((_, i) => `INSERT INTO schema_migrations VALUES ('main', ${i + 1}, 0)`),
      ...QUEUE_MIGRATIONS.map(
        (_, i) => `INSERT INTO schema_migrations VALUES ('queue', ${i + 1}, 0)`,
      ),
      ...rows,
    ];
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

for (const dialect of await storeDialects()) {
  describe(`releases (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    let otherProjectId: number;
    before(async () => {
      store = await openStore(await dialect.config());
      projectId = (await store.createProject('Releases')).id;
      otherProjectId = (await store.createProject('Releases')).id;
    });
    after(async () => {
      await store?.close();
    });

    const event = (overrides: Partial<DigestedEvent>) => digested(projectId, overrides);

    it('gives projects unique slugs from their names', async () => {
      const slugs = (await store.listProjects()).map((p) => p.slug);
      assert.ok(slugs.includes('releases'));
      assert.ok(slugs.includes('releases-2'));
      assert.equal(new Set(slugs).size, slugs.length);
    });

    it('creates a release from the first event naming it and counts what follows', async () => {
      const first = event({ groupingHash: hash('r1'), release: 'web@1.0.0', timestamp: T0 + 5 });
      await persistEvents(store, [
        first,
        event({ groupingHash: hash('r1'), release: 'web@1.0.0', timestamp: T0 + 1 }),
        event({ groupingHash: hash('r2'), release: 'web@1.0.0', timestamp: T0 + 9 }),
        event({ groupingHash: hash('r3'), release: undefined }),
        digested(otherProjectId, { groupingHash: hash('r1'), release: 'web@1.0.0' }),
      ]);
      // The same event again (a re-digested batch) changes nothing.
      await persistEvents(store, [first]);
      await persistEvents(store, [
        event({ groupingHash: hash('r1'), release: 'web@1.0.0', timestamp: T0 + 20 }),
      ]);
      const release = (await getRelease(store.sql, projectId, 'web@1.0.0'))!;
      assert.equal(release.eventCount, 4);
      assert.equal(release.newIssues, 2);
      assert.equal(release.firstEvent, T0 + 1);
      assert.equal(release.lastEvent, T0 + 20);
      assert.equal(release.createdAt, T0);
      assert.equal(release.dateReleased, undefined);
      const other = (await getRelease(store.sql, otherProjectId, 'web@1.0.0'))!;
      assert.equal(other.eventCount, 1, 'a release belongs to one project');
    });

    it('creates and finalizes a release from the API, then adds its events and deploys', async () => {
      const made = await saveRelease(
        store.sql,
        projectId,
        'web@2.0.0',
        { url: 'https://x' },
        T0 + 100,
      );
      assert.equal(made.eventCount, 0);
      assert.equal(made.firstEvent, undefined);
      const again = await saveRelease(
        store.sql,
        projectId,
        'web@2.0.0',
        { dateReleased: 200 },
        T0 + 150,
      );
      assert.equal(again.id, made.id);
      assert.equal(again.url, 'https://x', 'an absent field stays');
      assert.equal(again.dateReleased, 200);
      assert.equal(again.createdAt, T0 + 100);
      await persistEvents(store, [event({ groupingHash: hash('r1'), release: 'web@2.0.0' })]);
      assert.equal((await getRelease(store.sql, projectId, 'web@2.0.0'))!.eventCount, 1);
      await addDeploy(store.sql, made.id, {
        environment: 'staging',
        name: undefined,
        url: undefined,
        dateStarted: undefined,
        dateFinished: 300,
      });
      await addDeploy(store.sql, made.id, {
        environment: 'production',
        name: 'deploy 1',
        url: undefined,
        dateStarted: 390,
        dateFinished: 400,
      });
      await addDeploy(store.sql, made.id, {
        environment: 'production',
        name: undefined,
        url: undefined,
        dateStarted: undefined,
        dateFinished: 500,
      });
      const deploys = await listDeploys(store.sql, made.id, 10);
      assert.deepEqual(
        deploys.map((d) => [d.environment, d.dateFinished]),
        [
          ['production', 500],
          ['production', 400],
          ['staging', 300],
        ],
      );
      assert.deepEqual(await deploysByEnvironment(store.sql, [made.id]), [
        { releaseId: made.id, environment: 'production', count: 2, lastDeployedAt: 500 },
        { releaseId: made.id, environment: 'staging', count: 1, lastDeployedAt: 300 },
      ]);
    });

    /** A new issue with one event of `release`, resolved with `resolution`. */
    async function resolvedIssue(
      label: string,
      release: string,
      resolution: Parameters<typeof setIssuesStatus>[4],
    ): Promise<number> {
      await persistEvents(store, [event({ groupingHash: hash(label), release })]);
      const issue = (await store.listIssues({ projectId })).find(
        (i) => i.lastRelease === release && i.status === 'unresolved',
      )!;
      await setIssuesStatus(store.sql, [issue.id], 'resolved', by, resolution);
      return issue.id;
    }

    const later = (release: string | undefined, label: string) =>
      event({ groupingHash: hash(label), release, receivedAt: T0 + 200 });

    it('resolved in the next release: an event of that release or an older one does not reopen it; a later one does', async () => {
      const latest = (await latestRelease(store.sql, projectId))!;
      assert.equal(latest.version, 'web@2.0.0');
      const issueId = await resolvedIssue('next', 'web@2.0.0', {
        kind: 'in_next_release',
        version: latest.version,
      });
      assert.deepEqual((await store.getIssue(issueId))!.resolvedIn, {
        kind: 'in_next_release',
        version: 'web@2.0.0',
      });
      await persistEvents(store, [later('web@2.0.0', 'next'), later('web@1.0.0', 'next')]);
      assert.equal((await store.getIssue(issueId))!.status, 'resolved');
      // 2.0.10 is after 2.0.9 and 2.0.0 by semver, whatever the text order says.
      await persistEvents(store, [later('web@2.0.10', 'next')]);
      const reopened = (await store.getIssue(issueId))!;
      assert.equal(reopened.status, 'unresolved');
      assert.equal(reopened.resolvedIn, undefined);
      assert.deepEqual((await store.issueActivity(issueId)).at(-1)!.data, {
        event_id: (await store.listEvents(issueId, { limit: 1 }))[0]!.eventId,
        release: 'web@2.0.10',
      });
    });

    it('resolved in release X: events of X regress, older ones do not; pre-releases come before', async () => {
      await persistEvents(store, [event({ groupingHash: hash('x-setup'), release: 'web@3.0.0' })]);
      const issueId = await resolvedIssue('in-x', 'web@2.0.0', {
        kind: 'in_release',
        version: 'web@3.0.0',
      });
      await persistEvents(store, [later('web@3.0.0-rc.2', 'in-x'), later('web@2.0.10', 'in-x')]);
      assert.equal((await store.getIssue(issueId))!.status, 'resolved');
      await persistEvents(store, [later('web@3.0.0', 'in-x')]);
      assert.equal((await store.getIssue(issueId))!.status, 'unresolved');
    });

    it('orders versions that are not semver by when each was first seen', async () => {
      await persistEvents(store, [
        event({ groupingHash: hash('sha-old'), release: 'abc123', receivedAt: T0 + 10 }),
        event({ groupingHash: hash('sha-new'), release: 'def456', receivedAt: T0 + 20 }),
      ]);
      const issueId = await resolvedIssue('sha', 'def456', {
        kind: 'in_next_release',
        version: 'def456',
      });
      await persistEvents(store, [later('abc123', 'sha')]);
      assert.equal((await store.getIssue(issueId))!.status, 'resolved', 'abc123 is older');
      await persistEvents(store, [later('0fedcba', 'sha')]);
      assert.equal((await store.getIssue(issueId))!.status, 'unresolved', 'first seen later');
    });

    it('an event without a release regresses a release-resolved issue, as a plain resolve', async () => {
      const issueId = await resolvedIssue('norel', 'web@2.0.0', {
        kind: 'in_next_release',
        version: 'web@2.0.0',
      });
      await persistEvents(store, [later(undefined, 'norel')]);
      assert.equal((await store.getIssue(issueId))!.status, 'unresolved');
    });
  });

  describe(`the releases migration (${dialect.name})`, { skip: dialect.skip }, () => {
    it('backfills releases from existing issues and gives the first project the slug default', async () => {
      const config = await dialect.freshConfig();
      await databaseBeforeReleases(config);
      const store = await openStore(config);
      try {
        const projects = await store.listProjects();
        assert.deepEqual(
          projects.map((p) => p.slug),
          ['default', 'project-2'],
        );
        const first = (await getRelease(store.sql, 2, 'shop@1.0.0'))!;
        assert.equal(first.newIssues, 2);
        assert.equal(first.firstEvent, 10);
        assert.equal(first.lastEvent, 30);
        const last = (await getRelease(store.sql, 2, 'shop@1.1.0'))!;
        assert.equal(last.newIssues, 0);
        assert.equal(last.createdAt, 50);
        // A new project still gets a free slug.
        assert.equal((await store.createProject('default')).slug, 'default-2');
      } finally {
        await store.close();
      }
    });
  });
}
