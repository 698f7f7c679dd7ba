/**
 * Refuses a target that holds data not copied from this source: ids are copied as they are, so
 * any other row could collide with them or be counted as the source's. The target is either
 * empty, or what an earlier run of this same migration left (its migrate_progress rows).
 */
import type pg from 'pg';
import { displayUrl } from '../store/display-url.js';
import { queryRows } from '../store/postgres/pool.js';
import type { TableCopy } from './copy-tables.js';
import { MigrateError } from './migrate-error.js';
import { otherSources } from './migrate-progress.js';

export interface TargetCheck {
  url: string;
  /** The source as the user named it, for messages. */
  sourceDir: string;
  sourceId: string;
  /** This source's progress rows are there: an earlier run to continue. */
  resuming: boolean;
}

const WHAT_TO_DO =
  'Migrate into a new, empty database (createdb, then --to its URL). Starting a server (or ' +
  '`faultline dsn`) on a database creates project 1 there, so do that only after the migration.';

export async function checkTarget(
  pool: pg.Pool,
  tables: readonly TableCopy[],
  check: TargetCheck,
): Promise<void> {
  const where = displayUrl(check.url);
  const others = await otherSources(pool, check.sourceId);
  if (others.length > 0) {
    throw new MigrateError(
      `the database ${where} already holds data migrated from ${others.join(', ')}, not from ${check.sourceDir}. ${WHAT_TO_DO}`,
    );
  }
  if (check.resuming) return;
  for (const table of tables) {
    const [row] = await queryRows(pool, `SELECT EXISTS (SELECT 1 FROM ${table.name}) AS taken`);
    if (row?.['taken'] === true) {
      throw new MigrateError(
        `the database ${where} already holds Faultline data that did not come from ${check.sourceDir} (its ${table.name} table has rows). ${WHAT_TO_DO}`,
      );
    }
  }
}
