/** Retention's last step on PostgreSQL, where digest workers on other nodes write meanwhile. */
import type pg from 'pg';
import { RETENTION_BATCH_ROWS } from '../retention.js';
import { inTransaction, queryCount, queryRows } from './pool.js';
import { readNumber } from './rows.js';

/**
 * Deletes up to a batch of issues left without events. A digest worker may be adding an event to
 * one of them right now: its uncommitted insert holds a lock on the issue row, which SKIP LOCKED
 * passes over; and the DELETE re-checks for events in a fresh snapshot, after the rows it locked
 * can no longer gain any.
 */
export async function deleteIssuesWithoutEvents(pool: pg.Pool): Promise<number> {
  return inTransaction(pool, async (client) => {
    const rows = await queryRows(
      client,
      `SELECT id FROM issues
       WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.issue_id = issues.id)
       LIMIT ${RETENTION_BATCH_ROWS} FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length === 0) return 0;
    return queryCount(
      client,
      `DELETE FROM issues WHERE id = ANY($1::bigint[])
       AND NOT EXISTS (SELECT 1 FROM events WHERE events.issue_id = issues.id)`,
      [rows.map((row) => readNumber(row, 'id'))],
    );
  });
}
