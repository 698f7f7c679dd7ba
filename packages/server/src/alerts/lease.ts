/**
 * One node runs alerts at a time (several share a PostgreSQL database): the holder of a lease
 * row renews it each pass; when it dies, another takes over once the lease has run out. Both
 * dialects, one statement: the row update is atomic, so two nodes never both hold it.
 */
import type { Sql } from '../store/sql.js';

export async function holdAlertLease(
  sql: Sql,
  holder: string,
  now: number,
  leaseSeconds: number,
): Promise<boolean> {
  const taken = await sql.run(
    'UPDATE alert_lease SET holder = ?, expires_at = ? WHERE id = 1 AND (holder = ? OR expires_at < ?)',
    [holder, now + leaseSeconds, holder, now],
  );
  return taken === 1;
}

/** On a clean stop: the next node need not wait for the lease to run out. */
export async function releaseAlertLease(sql: Sql, holder: string): Promise<void> {
  await sql.run("UPDATE alert_lease SET holder = '', expires_at = 0 WHERE id = 1 AND holder = ?", [
    holder,
  ]);
}
