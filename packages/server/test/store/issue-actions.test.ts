/** Triage from the API (merge, status, delete) on every dialect, and the shared SQL runner's transactions. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deleteIssues, mergeIssues, setIssuesStatus } from '../../src/store/issue-actions.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { T0, digested, persistEvents } from '../helpers/store-records.js';

const hash = (label: string) => label.padEnd(32, '0');
const by = { userId: undefined, at: T0 + 100 };

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
