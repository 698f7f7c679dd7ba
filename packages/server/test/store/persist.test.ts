/**
 * What persisting a digested batch does to issues: counts, users, hourly counts, tags, releases,
 * regressions, and idempotency; the same cases on every dialect.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { DigestedEvent } from '../../src/store/types.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { HOUR, T0, claimFor, digested, persistEvents } from '../helpers/store-records.js';

for (const dialect of await storeDialects()) {
  describe(`Store.completeBatch (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    before(async () => {
      store = await openStore(await dialect.config());
      projectId = (await store.createProject('p')).id;
    });
    after(async () => {
      await store?.close();
    });

    async function persist(events: DigestedEvent[]) {
      await persistEvents(store, events);
    }

    it('sums a batch into one issue: count, distinct users, first/last seen and releases', async () => {
      const hash = 'b'.repeat(32);
      await persist([
        digested(projectId, {
          groupingHash: hash,
          timestamp: T0 + 10,
          release: 'app@1',
          userKey: 'id:u1',
        }),
        digested(projectId, {
          groupingHash: hash,
          timestamp: T0 + 5,
          release: 'app@0',
          userKey: 'id:u2',
        }),
        digested(projectId, {
          groupingHash: hash,
          timestamp: T0 + HOUR + 1,
          release: 'app@2',
          userKey: 'id:u1',
          level: 'fatal',
        }),
      ]);
      const [issue] = (await store.listIssues({ projectId })).filter((i) => i.count === 3);
      assert.ok(issue);
      assert.equal(issue.userCount, 2);
      assert.equal(issue.firstSeen, T0 + 5);
      assert.equal(issue.lastSeen, T0 + HOUR + 1);
      assert.equal(issue.firstRelease, 'app@0');
      assert.equal(issue.lastRelease, 'app@2');
      assert.equal(issue.level, 'fatal', 'the newest event sets the level');
      assert.deepEqual(await store.issueHourlyCounts(issue.id), [
        { hour: T0, count: 2 },
        { hour: T0 + HOUR, count: 1 },
      ]);
      const tags = await store.issueTagCounts(issue.id);
      assert.deepEqual(
        tags.map((t) => [t.key, t.value, t.count]),
        [
          ['environment', 'production', 3],
          ['feature', 'checkout', 3],
        ],
      );
    });

    it('a later batch adds to the same issue; a known user is not counted twice', async () => {
      const hash = 'c'.repeat(32);
      await persist([digested(projectId, { groupingHash: hash, userKey: 'id:u1' })]);
      await persist([
        digested(projectId, { groupingHash: hash, userKey: 'id:u1' }),
        digested(projectId, { groupingHash: hash, userKey: undefined }),
      ]);
      const issue = (await store.listIssues({ projectId })).find(
        (i) => i.title === 'Error: boom' && i.count === 3 && i.userCount === 1,
      );
      assert.ok(issue, 'three events, one user');
    });

    it('different hashes make different issues', async () => {
      const before = (await store.listIssues({ projectId })).length;
      await persist([
        digested(projectId, { groupingHash: 'd'.repeat(32) }),
        digested(projectId, { groupingHash: 'e'.repeat(32) }),
      ]);
      assert.equal((await store.listIssues({ projectId })).length, before + 2);
    });

    it('re-persisting an event id changes nothing (a batch digested again after a crash)', async () => {
      const event = digested(projectId, { groupingHash: 'f'.repeat(32) });
      await persist([event]);
      const events = await store.countEvents(projectId);
      await persist([event]);
      await persist([event, event]);
      assert.equal(await store.countEvents(projectId), events);
      const stored = await store.getEvent(projectId, event.eventId);
      assert.ok(stored);
      assert.equal((await store.getIssue(stored.issueId))!.count, 1);
    });

    it('an event on a resolved issue reopens it as a regression, recorded in its activity', async () => {
      const hash = '1'.repeat(32);
      const first = digested(projectId, { groupingHash: hash, receivedAt: T0 });
      await persist([first]);
      const issueId = (await store.getEvent(projectId, first.eventId))!.issueId;
      await store.setIssueStatus(issueId, 'resolved', T0 + 100);
      assert.equal((await store.getIssue(issueId))!.status, 'resolved');

      // An event received before the resolution (a late delivery) is not a regression.
      await persist([digested(projectId, { groupingHash: hash, receivedAt: T0 + 50 })]);
      assert.equal((await store.getIssue(issueId))!.status, 'resolved');

      const regression = digested(projectId, { groupingHash: hash, receivedAt: T0 + 200 });
      await persist([regression]);
      const reopened = await store.getIssue(issueId);
      assert.equal(reopened!.status, 'unresolved');
      assert.equal(reopened!.regressedAt, T0 + 200);
      const activity = await store.issueActivity(issueId);
      assert.deepEqual(
        activity.map((a) => a.kind),
        ['first_seen', 'resolved', 'regression'],
      );
      assert.deepEqual(activity[2], {
        kind: 'regression',
        at: T0 + 200,
        data: { event_id: regression.eventId },
      });
    });
  });
}

for (const dialect of await storeDialects()) {
  describe(
    `Store.completeBatch from two workers at once (${dialect.name})`,
    { skip: dialect.skip },
    () => {
      let a: Store;
      let b: Store;
      let projectId: number;
      before(async () => {
        const config = await dialect.config();
        a = await openStore(config);
        b = await openStore(config);
        projectId = (await a.createProject('race')).id;
      });
      after(async () => {
        await a?.close();
        await b?.close();
      });

      it('two stores persisting events of the same new hash at once make one issue, count 2', async () => {
        // Several rounds, so the two transactions overlap at the moment both find the hash new.
        for (let round = 0; round < 10; round++) {
          const hash = `race-${round}`.padEnd(32, '0');
          const events = [
            digested(projectId, { groupingHash: hash, userKey: 'id:a' }),
            digested(projectId, { groupingHash: hash, userKey: 'id:b' }),
          ];
          const claimed = await claimFor(a, events);
          const entryOf = (event: DigestedEvent) =>
            claimed.filter((c) => c.eventId === event.eventId);
          await Promise.all([
            a.completeBatch(entryOf(events[0]!), { events: [events[0]!], attachments: [] }),
            b.completeBatch(entryOf(events[1]!), { events: [events[1]!], attachments: [] }),
          ]);
          const [first, second] = await Promise.all(
            events.map((e) => a.getEvent(projectId, e.eventId)),
          );
          assert.ok(first && second, `round ${round}: both events stored`);
          assert.equal(first.issueId, second.issueId, `round ${round}: one issue`);
          const issue = await a.getIssue(first.issueId);
          assert.equal(issue!.count, 2);
          assert.equal(issue!.userCount, 2);
          const activity = await a.issueActivity(first.issueId);
          assert.deepEqual(
            activity.map((x) => x.kind),
            ['first_seen'],
          );
        }
        assert.equal((await a.listIssues({ projectId })).length, 10);
        assert.equal((await a.queueStats()).depth, 0);
      });
    },
  );
}
