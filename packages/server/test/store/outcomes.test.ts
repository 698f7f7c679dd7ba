/**
 * The outcomes table on every dialect: one call of any size is written whole (PostgreSQL takes at
 * most 65,535 parameters a statement), reads are bounded in SQL by `since` and `limit`, and a
 * maintenance pass removes the hours past the longest retention.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runMaintenancePass } from '../../src/maintenance.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { OutcomeRecord } from '../../src/store/types.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { HOUR, T0 } from '../helpers/store-records.js';

const DAY = 24 * HOUR;

function outcome(projectId: number, hour: number, reason = 'r'): OutcomeRecord {
  return { projectId, hour, category: 'error', outcome: 'filtered', reason, quantity: 1 };
}

for (const dialect of await storeDialects()) {
  describe(`Store outcomes at scale (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.config());
    });
    after(async () => {
      await store?.close();
    });

    it('writes one call of more rows than 65,535 parameters allow in a statement, all of them', async () => {
      const projectId = (await store.createProject('many outcomes')).id;
      // 6 parameters a row: 12,000 rows are 72,000 parameters.
      const rows = Array.from({ length: 12_000 }, (_, n) =>
        outcome(projectId, T0 + (n % 100) * HOUR, `reason-${Math.floor(n / 100)}`),
      );
      await store.recordOutcomes(rows);
      // And added to, not replaced, the second time, rows repeated within a call summed.
      await store.recordOutcomes([...rows.slice(0, 10), ...rows.slice(0, 10)]);
      const stored = await store.listOutcomes(projectId);
      assert.equal(stored.length, 12_000);
      const total = stored.reduce((sum, row) => sum + row.quantity, 0);
      assert.equal(total, 12_000 + 20);
      assert.deepEqual(
        stored.slice(0, 2).map((row) => row.hour),
        [T0, T0],
        'oldest hour first',
      );
    });

    it('lists the hours that end after `since`, and the newest `limit` rows, in SQL', async () => {
      const projectId = (await store.createProject('since')).id;
      await store.recordOutcomes([0, 1, 2, 3].map((n) => outcome(projectId, T0 + n * HOUR)));
      // A fractional `since`, as the stats endpoint passes (Date.now() / 1000 - 86400).
      const since = await store.listOutcomes(projectId, { since: T0 + 2 * HOUR - 0.5 });
      assert.deepEqual(
        since.map((row) => row.hour),
        [T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR],
      );
      const newest = await store.listOutcomes(projectId, { limit: 2 });
      assert.deepEqual(
        newest.map((row) => row.hour),
        [T0 + 2 * HOUR, T0 + 3 * HOUR],
      );
    });

    it('a maintenance pass removes the hours past the longest retention, of every project', async () => {
      const fresh = await openStore(await dialect.freshConfig());
      try {
        const kept = (await fresh.createProject('kept')).id;
        const deleted = 999_999; // a project gone since: its rows go the same way
        const now = T0 + 100 * DAY + 0.25; // as fractional as Date.now() / 1000
        const retentionDays = 30;
        const cutoff = T0 + 70 * DAY; // an hour boundary just before now - 30 days
        const old = [kept, deleted].flatMap((projectId) =>
          // More than a retention batch of old rows.
          Array.from({ length: 300 }, (_, n) => outcome(projectId, cutoff - HOUR - n * HOUR)),
        );
        const young = [outcome(kept, cutoff), outcome(kept, T0 + 100 * DAY - HOUR)];
        await fresh.recordOutcomes([...old, ...young]);
        const result = await runMaintenancePass(fresh, retentionDays, now);
        assert.equal(result.outcomes, old.length);
        assert.deepEqual(
          (await fresh.listOutcomes(kept)).map((row) => row.hour),
          [cutoff, T0 + 100 * DAY - HOUR],
        );
        assert.deepEqual(await fresh.listOutcomes(deleted), []);
      } finally {
        await fresh.close();
      }
    });
  });
}
