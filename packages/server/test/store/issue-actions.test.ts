/**
 * Triage from the API (merge, status, ignore with a limit, delete) on every dialect, with the
 * digest waking ignored issues, and the shared SQL runner's transactions.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deleteIssues, mergeIssues, setIssuesStatus } from '../../src/store/issue-actions.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { T0, digested, persistEvents } from '../helpers/store-records.js';

const hash = (label: string) => label.padEnd(32, '0');
const by = { userId: undefined, at: T0 + 100 };
const MINUTE = 60;

for (const dialect of await storeDialects()) {
  describe(`issue actions (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    before(async () => {
      store = await openStore(await dialect.config());
      projectId = (await store.createProject('triage')).id;
    });
    after(async () => {
      await store?.close();
    });

    it('merges issues: events, counts, users, tags and hashes move to the target', async () => {
      await persistEvents(store, [
        digested(projectId, {
          groupingHash: hash('a'),
          title: 'a',
          timestamp: T0 + 10,
          userKey: 'id:1',
        }),
        digested(projectId, {
          groupingHash: hash('b'),
          title: 'b',
          timestamp: T0,
          userKey: 'id:2',
        }),
        digested(projectId, {
          groupingHash: hash('b'),
          title: 'b',
          timestamp: T0 + 20,
          userKey: 'id:1',
        }),
      ]);
      const issues = await store.listIssues({ projectId });
      const a = issues.find((i) => i.title === 'a')!;
      const b = issues.find((i) => i.title === 'b')!;
      await mergeIssues(store.sql, a.id, [b.id], by);
      const merged = (await store.getIssue(a.id))!;
      assert.equal(merged.count, 3);
      assert.equal(merged.userCount, 2);
      assert.equal(merged.firstSeen, T0);
      assert.equal(merged.lastSeen, T0 + 20);
      assert.equal(await store.getIssue(b.id), undefined);
      assert.equal((await store.listEvents(a.id, {})).length, 3);
      const feature = (await store.issueTagCounts(a.id)).find((t) => t.key === 'feature')!;
      assert.equal(feature.count, 3);
      assert.equal((await store.issueActivity(a.id)).at(-1)!.kind, 'merge');
      // A later event of b's kind lands in the merged issue.
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('b'), timestamp: T0 + 30 }),
      ]);
      assert.equal((await store.getIssue(a.id))!.count, 4);
    });

    it('sets status in bulk and deletes issues with their events', async () => {
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('gone'), title: 'gone' }),
      ]);
      const gone = (await store.listIssues({ projectId })).find((i) => i.title === 'gone')!;
      await setIssuesStatus(store.sql, [gone.id], 'resolved', by);
      assert.equal((await store.getIssue(gone.id))!.status, 'resolved');
      await deleteIssues(store.sql, projectId, [gone.id]);
      assert.equal(await store.getIssue(gone.id), undefined);
      assert.equal((await store.listEvents(gone.id, {})).length, 0);
    });

    /** A new issue of its own, from one event received at T0. */
    async function newIssue(label: string): Promise<number> {
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash(label), title: label }),
      ]);
      return (await store.listIssues({ projectId })).find((i) => i.title === label)!.id;
    }

    /** Digests `count` more events of the issue `label`, in one batch, received at `receivedAt`. */
    async function moreEvents(
      label: string,
      count: number,
      receivedAt = T0 + 1,
    ): Promise<string[]> {
      const events = Array.from({ length: count }, () =>
        digested(projectId, { groupingHash: hash(label), title: label, receivedAt }),
      );
      await persistEvents(store, events);
      return events.map((e) => e.eventId);
    }

    it('ignores for a duration: an event received before the end keeps it ignored, one after wakes it', async () => {
      const id = await newIssue('for-a-while');
      await setIssuesStatus(store.sql, [id], 'ignored', by, { minutes: 10 });
      const ignored = (await store.getIssue(id))!;
      assert.equal(ignored.status, 'ignored');
      assert.equal(ignored.ignoredUntil, by.at + 10 * MINUTE);
      assert.deepEqual((await store.issueActivity(id)).at(-1), {
        kind: 'ignored',
        at: by.at,
        data: { minutes: 10 },
      });

      // At the very end of the ignore is not after it.
      await moreEvents('for-a-while', 1, by.at + 10 * MINUTE);
      assert.equal((await store.getIssue(id))!.status, 'ignored');

      const [late] = await moreEvents('for-a-while', 1, by.at + 10 * MINUTE + 1);
      const woken = (await store.getIssue(id))!;
      assert.equal(woken.status, 'unresolved');
      assert.equal(woken.ignoredUntil, undefined);
      assert.equal(woken.regressedAt, undefined, 'waking from an ignore is no regression');
      assert.equal(woken.count, 3);
      assert.deepEqual((await store.issueActivity(id)).at(-1), {
        kind: 'unignored',
        at: by.at + 10 * MINUTE + 1,
        data: { reason: 'duration', event_id: late },
      });
    });

    it('ignores until N more events: wakes with the Nth, not before', async () => {
      const id = await newIssue('for-three');
      await setIssuesStatus(store.sql, [id], 'ignored', by, { moreEvents: 3 });
      assert.equal((await store.getIssue(id))!.ignoredUntilTimesSeen, 4);
      for (const seen of [2, 3]) {
        await moreEvents('for-three', 1);
        const issue = (await store.getIssue(id))!;
        assert.equal(issue.count, seen);
        assert.equal(issue.status, 'ignored', `still ignored at ${seen} events`);
      }
      const [third] = await moreEvents('for-three', 1);
      const woken = (await store.getIssue(id))!;
      assert.equal(woken.status, 'unresolved');
      assert.equal(woken.ignoredUntilTimesSeen, undefined);
      assert.deepEqual((await store.issueActivity(id)).at(-1)!.data, {
        reason: 'count',
        event_id: third,
      });

      // The events of one batch count together: a batch past the count wakes the issue.
      const batched = await newIssue('for-two-batched');
      await setIssuesStatus(store.sql, [batched], 'ignored', by, { moreEvents: 2 });
      await moreEvents('for-two-batched', 1);
      assert.equal((await store.getIssue(batched))!.status, 'ignored');
      await moreEvents('for-two-batched', 5);
      assert.equal((await store.getIssue(batched))!.status, 'unresolved');
    });

    it('ignores forever: it stays ignored however many events come, however late', async () => {
      const id = await newIssue('forever');
      await setIssuesStatus(store.sql, [id], 'ignored', by);
      for (const week of [1, 2, 3, 4]) await moreEvents('forever', 25, T0 + week * 7 * 86400);
      const issue = (await store.getIssue(id))!;
      assert.equal(issue.count, 101);
      assert.equal(issue.status, 'ignored');
      assert.deepEqual((await store.issueActivity(id)).at(-1), {
        kind: 'ignored',
        at: by.at,
        data: {},
      });
    });

    it('clears the ignore limits on any other status change, so an old limit wakes nothing', async () => {
      const resolved = await newIssue('ignored-then-resolved');
      await setIssuesStatus(store.sql, [resolved], 'ignored', by, { minutes: 1 });
      await setIssuesStatus(store.sql, [resolved], 'resolved', { ...by, at: by.at + 1 });
      const issue = (await store.getIssue(resolved))!;
      assert.equal(issue.status, 'resolved');
      assert.equal(issue.ignoredUntil, undefined);
      // A later event is a regression, as for any resolved issue.
      await moreEvents('ignored-then-resolved', 1, by.at + 2 * MINUTE);
      assert.equal((await store.issueActivity(resolved)).at(-1)!.kind, 'regression');

      const reIgnored = await newIssue('ignored-twice');
      await setIssuesStatus(store.sql, [reIgnored], 'ignored', by, { moreEvents: 1 });
      await setIssuesStatus(store.sql, [reIgnored], 'ignored', by);
      assert.equal((await store.getIssue(reIgnored))!.ignoredUntilTimesSeen, undefined);
      await moreEvents('ignored-twice', 3);
      assert.equal((await store.getIssue(reIgnored))!.status, 'ignored');

      await assert.rejects(
        setIssuesStatus(store.sql, [reIgnored], 'resolved', by, { moreEvents: 1 }),
        TypeError,
      );
    });

    it('runs concurrent transactions one after another, with plain statements outside them', async () => {
      const { sql } = store;
      await sql.run('UPDATE projects SET name = ? WHERE id = ?', ['t0', projectId]);
      // Each transaction appends in two statements with a pause between: on SQLite the others
      // must wait (one connection), on PostgreSQL they run side by side; either way none is lost
      // and the failed one leaves nothing.
      const step = (name: string) =>
        sql.transaction(async (tx) => {
          await tx.run('UPDATE projects SET name = name || ? WHERE id = ?', [
            `+${name}`,
            projectId,
          ]);
          await new Promise((resolve) => setTimeout(resolve, 5));
          await tx.run("UPDATE projects SET name = name || '.' WHERE id = ?", [projectId]);
        });
      const failing = sql.transaction(async (tx) => {
        await tx.run("UPDATE projects SET name = name || '+lost' WHERE id = ?", [projectId]);
        throw new Error('rolled back');
      });
      await Promise.all([
        step('a'),
        step('b'),
        assert.rejects(failing, /rolled back/),
        step('c'),
        sql.get('SELECT 1 AS one'),
      ]);
      const name = await sql.get('SELECT name FROM projects WHERE id = ?', [projectId]);
      const parts = String(name!['name']).split('+');
      assert.equal(parts[0], 't0');
      assert.deepEqual(parts.slice(1).sort(), ['a.', 'b.', 'c.']);
    });
  });
}
