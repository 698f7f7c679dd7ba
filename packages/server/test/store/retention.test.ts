/**
 * Store.applyRetention on every dialect: what was received before the cutoff goes (events,
 * attachments, then issues left without events), everything else stays as it was. On PostgreSQL
 * the expired weeks go as whole partitions, but only past the longest retention any project
 * keeps, and rows nothing partitions (the default partition) go row by row. Retention per
 * project and the per-issue cap: retention-per-project.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { attachment, digested, persistEvents } from '../helpers/store-records.js';

const WEEK = 7 * 24 * 3600;
const NOW = 1_800_000_000;
const RECENT = NOW - 3600;
/** A week wholly before the policy's cutoff, with a partition made for it. */
const EXPIRED = NOW - 10 * WEEK;
/** Before the cutoff too, in a week no partition was made for. */
const UNPARTITIONED = NOW - 20 * WEEK;
/** No project of these tests has a retention of its own: the default's cutoff is everyone's. */
const POLICY = { now: NOW, defaultRetentionDays: 35 };

async function weekPartitions(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'events'::regclass AND c.relname LIKE 'events_w%' ORDER BY 1`,
    );
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

for (const dialect of await storeDialects()) {
  describe(`Store.applyRetention (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    before(async () => {
      store = await openStore(await dialect.freshConfig());
      projectId = (await store.createProject('p')).id;
    });
    after(async () => {
      await store?.close();
    });

    it('removes what was received before the cutoff, and the issues left empty', async () => {
      // Two nodes preparing at once must not trip over each other.
      await Promise.all([store.prepareStorage(EXPIRED), store.prepareStorage(EXPIRED)]);
      await store.prepareStorage(RECENT);

      const onlyOld = 'a'.repeat(32);
      const mixed = 'b'.repeat(32);
      const old = [
        digested(projectId, { groupingHash: onlyOld, receivedAt: EXPIRED, timestamp: EXPIRED }),
        digested(projectId, { groupingHash: onlyOld, receivedAt: UNPARTITIONED }),
        digested(projectId, { groupingHash: mixed, receivedAt: EXPIRED }),
      ];
      const kept = [
        digested(projectId, { groupingHash: mixed, receivedAt: RECENT }),
        digested(projectId, { groupingHash: mixed, receivedAt: RECENT }),
      ];
      await persistEvents(
        store,
        [...old, ...kept],
        [
          attachment(projectId, old[0]!.eventId, EXPIRED),
          attachment(projectId, kept[0]!.eventId, RECENT),
        ],
      );
      const issuesBefore = await store.listIssues({ projectId });
      assert.equal(issuesBefore.length, 2);
      const mixedIssue = issuesBefore.find((issue) => issue.count === 3)!;

      const result = await store.applyRetention(POLICY);
      assert.deepEqual(result, { eventsExpired: 3, eventsOverCap: 0, attachments: 1, issues: 1 });
      assert.equal(await store.countEvents(projectId), 2);
      for (const event of old)
        assert.equal(await store.getEvent(projectId, event.eventId), undefined);
      assert.ok(await store.getEvent(projectId, kept[0]!.eventId));
      assert.equal((await store.listAttachments(projectId, old[0]!.eventId)).length, 0);
      assert.equal((await store.listAttachments(projectId, kept[0]!.eventId)).length, 1);

      const issuesAfter = await store.listIssues({ projectId });
      assert.deepEqual(
        issuesAfter.map((issue) => issue.id),
        [mixedIssue.id],
        'the issue with no events left is gone, the other stays',
      );
      assert.equal(issuesAfter[0]!.count, 3, "an issue's count is its history, not what is kept");

      assert.deepEqual(
        await store.applyRetention(POLICY),
        { eventsExpired: 0, eventsOverCap: 0, attachments: 0, issues: 0 },
        'a second pass finds nothing more',
      );
    });
  });
}

const postgres = (await storeDialects()).find((dialect) => dialect.name === 'postgres')!;
describe('PostgreSQL retention drops whole weekly partitions', { skip: postgres.skip }, () => {
  it('makes this week and the next ahead of time, and drops the weeks past the cutoff', async () => {
    const config = await postgres.freshConfig();
    assert.equal(config.kind, 'postgres');
    const url = config.kind === 'postgres' ? config.url : '';
    const store = await openStore(config);
    try {
      await store.prepareStorage(EXPIRED);
      await store.prepareStorage(RECENT);
      const week = (t: number) => `events_w${Math.floor(t / WEEK)}`;
      const made = [week(EXPIRED), week(EXPIRED + WEEK), week(RECENT), week(RECENT + WEEK)].sort();
      assert.deepEqual(await weekPartitions(url), made);

      const project = await store.createProject('p');
      await persistEvents(store, [digested(project.id, { receivedAt: EXPIRED })]);
      assert.deepEqual(await store.applyRetention(POLICY), {
        eventsExpired: 1,
        eventsOverCap: 0,
        attachments: 0,
        issues: 1,
      });
      assert.deepEqual(
        await weekPartitions(url),
        [week(RECENT), week(RECENT + WEEK)].sort(),
        'the expired weeks are dropped, the current ones stay',
      );
    } finally {
      await store.close();
    }
  });

  it('keeps every week that a project with a longer retention still needs', async () => {
    const config = await postgres.freshConfig();
    const url = config.kind === 'postgres' ? config.url : '';
    const store = await openStore(config);
    try {
      await store.prepareStorage(EXPIRED);
      await store.prepareStorage(RECENT);
      const partitionsBefore = await weekPartitions(url);
      const defaultProject = await store.createProject('default retention');
      const keeper = await store.createProject('keeps 12 weeks');
      await store.updateProject(keeper.id, { retentionDays: 12 * 7 });
      const expired = digested(defaultProject.id, { receivedAt: EXPIRED });
      const keptByKeeper = digested(keeper.id, { receivedAt: EXPIRED });
      await persistEvents(store, [expired, keptByKeeper]);

      assert.deepEqual(await store.applyRetention(POLICY), {
        eventsExpired: 1,
        eventsOverCap: 0,
        attachments: 0,
        issues: 1,
      });
      assert.deepEqual(await weekPartitions(url), partitionsBefore, 'no week is dropped');
      assert.equal(await store.getEvent(defaultProject.id, expired.eventId), undefined);
      assert.ok(await store.getEvent(keeper.id, keptByKeeper.eventId));

      await store.updateProject(keeper.id, { retentionDays: undefined });
      assert.equal((await store.applyRetention(POLICY)).eventsExpired, 1);
      assert.ok(
        !(await weekPartitions(url)).includes(`events_w${Math.floor(EXPIRED / WEEK)}`),
        'with no longer retention left, the week goes whole',
      );
    } finally {
      await store.close();
    }
  });
});
