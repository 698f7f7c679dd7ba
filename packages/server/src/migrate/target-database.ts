/**
 * The PostgreSQL database migrated into: its schema brought up to date as any node would at
 * start (which creates migrate_progress), and a lock held for the whole run, so two migrations
 * into one database cannot interleave their chunks.
 */
import type pg from 'pg';
import { displayUrl } from '../store/display-url.js';
import { ADVISORY_LOCKS } from '../store/postgres/advisory-locks.js';
import { migrate } from '../store/postgres/migrations.js';
import { openPool, queryRows } from '../store/postgres/pool.js';
import { MigrateError } from './migrate-error.js';

export interface TargetDatabase {
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function openTargetDatabase(url: string): Promise<TargetDatabase> {
  // Two connections: one holds the session lock, the other writes the chunks.
  const pool = openPool(url, { max: 2 });
  let lockHolder: pg.PoolClient | undefined;
  try {
    await migrate(pool);
    lockHolder = await pool.connect();
    const [row] = await queryRows(lockHolder, 'SELECT pg_try_advisory_lock($1) AS locked', [
      ADVISORY_LOCKS.migrate,
    ]);
    if (row?.['locked'] !== true) {
      throw new MigrateError(
        `another faultline migrate is writing to ${displayUrl(url)}: let it finish, or stop it and run this again`,
      );
    }
  } catch (error) {
    lockHolder?.release(true);
    await pool.end();
    if (error instanceof MigrateError) throw error;
    throw new MigrateError(
      `cannot open the database ${displayUrl(url)}: ${(error as Error).message}`,
    );
  }
  const holder = lockHolder;
  return {
    pool,
    async close() {
      // Closing the lock's connection (not returning it to the pool) ends its session and lock.
      holder.release(true);
      await pool.end();
    },
  };
}
