/**
 * Store.takeRateLimit on every dialect: a fixed window of `count` per counter, refusals saying
 * when to retry, gave-back units usable again. On PostgreSQL two stores (two nodes) share one
 * count: the limit holds across nodes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { numberColumn } from '../../src/store/sql.js';
import { throttledPasswordCheck } from '../../src/api/login-throttle.js';
import { storeDialects } from '../helpers/store-dialects.js';

// An hour: a test never straddles the window's end but by a rare accident of the clock.
const LIMIT = { count: 3, windowSeconds: 3600 };

for (const dialect of await storeDialects()) {
  describe(`Store.takeRateLimit (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.config());
    });
    after(async () => {
      await store?.close();
    });

    it('allows the count in a window, then refuses with a Retry-After within the window', async () => {
      const scope = `key:${randomUUID()}`;
      for (let n = 0; n < LIMIT.count; n++)
        assert.deepEqual(await store.takeRateLimit(scope, LIMIT, 1), { allowed: true });
      const refused = await store.takeRateLimit(scope, LIMIT, 1);
      assert.equal(refused.allowed, false);
      if (!refused.allowed) {
        assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 3600);
      }
      assert.equal((await store.takeRateLimit(`key:${randomUUID()}`, LIMIT, 1)).allowed, true);
    });

    it('a unit given back can be taken again; more than the whole limit never is', async () => {
      const scope = `project:${randomUUID()}`;
      assert.equal((await store.takeRateLimit(scope, LIMIT, 3)).allowed, true);
      assert.equal((await store.takeRateLimit(scope, LIMIT, 1)).allowed, false);
      await store.returnRateLimit(scope, 1);
      assert.equal((await store.takeRateLimit(scope, LIMIT, 1)).allowed, true);
      assert.equal((await store.takeRateLimit(`x:${randomUUID()}`, LIMIT, 4)).allowed, false);
    });

    if (dialect.name === 'postgres') {
      it('holds across nodes: two stores taking at once share one count', async () => {
        const other = await openStore(await dialect.config());
        try {
          const scope = `key:${randomUUID()}`;
          const limit = { count: 25, windowSeconds: 3600 };
          const decisions = await Promise.all(
            Array.from({ length: 60 }, (_, n) =>
              (n % 2 === 0 ? store : other).takeRateLimit(scope, limit, 1),
            ),
          );
          assert.equal(decisions.filter((d) => d.allowed).length, 25);
        } finally {
          await other.close();
        }
      });

      const countRows = async (like: string) =>
        numberColumn(
          (await store.sql.get('SELECT count(*) AS n FROM rate_windows WHERE scope LIKE ?', [
            like,
          ]))!,
          'n',
        );

      it('deletes rows whose window has certainly ended', async () => {
        const now = Date.now() / 1000;
        const rows: Array<[string, number, number]> = [
          ['login:old:1', now - 2 * 86400, 3], // older than any login window: gone
          ['login:new:1', now - 60, 3], // may be in its window: kept
          ['login:spent:1', now - 60, 0], // all given back: the same as no row
          ['key:old:1', now - 40 * 86400, 3], // older than any window may be: gone
          ['key:week:1', now - 7 * 86400, 3], // a quota's window may be 30 days: kept
        ];
        for (const row of rows) {
          await store.sql.run(
            'INSERT INTO rate_windows (scope, window_start, used) VALUES (?, ?, ?)',
            row,
          );
        }
        // A new node prunes before its first take.
        const other = await openStore(await dialect.config());
        try {
          await other.takeRateLimit(`key:${randomUUID()}`, LIMIT, 1);
        } finally {
          await other.close();
        }
        for (const [scope] of rows) {
          const kept = scope === 'login:new:1' || scope === 'key:week:1';
          assert.equal(await countRows(scope), kept ? 1 : 0, scope);
        }
      });

      it('a client over its login limit adds no row per email it tries', async () => {
        const address = '10.9.8.7';
        const attempt = (n: number) =>
          throttledPasswordCheck(store, `spray-${n}@example.com`, address, async () => false);
        let n = 0;
        while (
          await attempt(n).then(
            () => true,
            () => false,
          )
        )
          assert.ok(++n < 1000, 'no limit');
        const rows = await countRows('login:%');
        for (let more = 1; more <= 100; more++) {
          await assert.rejects(attempt(n + more), { code: 'too_many_requests' });
        }
        assert.equal(await countRows('login:%'), rows);
      });
    }
  });
}
