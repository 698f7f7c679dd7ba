/**
 * An issue ignored for a while comes back when its time is up even if no event arrives to wake
 * it (digest wakes it at the next event: issue-wake.ts): otherwise it would sit `ignored` long
 * past `ignoredUntil`, out of the unresolved list people look at. The hourly maintenance pass
 * does this, a batch per transaction.
 */
import { RETENTION_BATCH_ROWS, inBatches } from './retention.js';
import { numberColumn, placeholders } from './sql.js';
import type { Sql } from './sql.js';

export function wakeExpiredIgnores(sql: Sql, now: number): Promise<number> {
  return inBatches(() =>
    sql.transaction(async (tx) => {
      const rows = await tx.all(
        `SELECT id FROM issues WHERE status = 'ignored' AND ignored_until < ?
         ORDER BY id LIMIT ${RETENTION_BATCH_ROWS}`,
        [now],
      );
      const ids = rows.map((row) => numberColumn(row, 'id'));
      if (ids.length === 0) return 0;
      await tx.run(
        `UPDATE issues SET status = 'unresolved', ignored_until = NULL,
           ignored_until_times_seen = NULL
         WHERE id IN (${placeholders(ids.length)})`,
        ids,
      );
      for (const id of ids) {
        await tx.run('INSERT INTO issue_activity (issue_id, kind, at, data) VALUES (?, ?, ?, ?)', [
          id,
          'unignored',
          now,
          JSON.stringify({ reason: 'duration' }),
        ]);
      }
      return ids.length;
    }),
  );
}
