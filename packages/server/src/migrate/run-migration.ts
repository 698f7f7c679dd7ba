/**
 * `faultline migrate`: copies a SQLite install (a data directory) into a PostgreSQL database,
 * row for row with every id, so a PostgreSQL node takes over where the SQLite server stopped.
 *
 *  1. Read the source in one snapshot (source-snapshot.ts), checking it holds Faultline data.
 *  2. Open the target: migrate its schema and hold the migrate lock (target-database.ts).
 *  3. Refuse a target that holds data from anywhere else (check-target.ts).
 *  4. Copy each table the schema has, parents first (copy-tables.ts), chunk by chunk, each chunk
 *     committed with its progress (copy-table.ts); a rerun resumes after the last chunk.
 *  5. Count the rows on both sides (count-rows.ts); the CLI prints and checks them.
 */
import type pg from 'pg';
import { mainTableCopies, queueCopy } from './copy-tables.js';
import { checkTarget } from './check-target.js';
import { copyTable } from './copy-table.js';
import { countRows } from './count-rows.js';
import type { TableCount } from './count-summary.js';
import { MigrateError } from './migrate-error.js';
import { readProgress } from './migrate-progress.js';
import type { ProgressBar } from './progress-bar.js';
import { openSourceSnapshot } from './source-snapshot.js';
import type { SourceSnapshot } from './source-snapshot.js';
import { openTargetDatabase } from './target-database.js';

export interface MigrationOptions {
  dataDir: string;
  url: string;
  chunkRows: number;
  bar: ProgressBar;
}

/** Enough for a few events or one attachment at a time, without holding the source in memory. */
const CHUNK_BYTES = 8 * 1024 * 1024;

export async function runMigration(options: MigrationOptions): Promise<TableCount[]> {
  const snapshot = openSourceSnapshot(options.dataDir);
  try {
    const target = await openTargetDatabase(options.url);
    try {
      return await copyAndCount(snapshot, target.pool, options);
    } catch (error) {
      throw stoppedError(error);
    } finally {
      await target.close();
    }
  } finally {
    snapshot.close();
  }
}

async function copyAndCount(
  snapshot: SourceSnapshot,
  pool: pg.Pool,
  options: MigrationOptions,
): Promise<TableCount[]> {
  const tables = mainTableCopies(snapshot.mainVersion);
  const queue = queueCopy(snapshot.queueVersion);
  const copies = queue === undefined ? tables : [...tables, queue];
  const progress = await readProgress(pool, snapshot.id);
  await checkTarget(pool, copies, {
    url: options.url,
    sourceDir: options.dataDir,
    sourceId: snapshot.id,
    resuming: progress.size > 0,
  });
  const copyOptions = { chunkRows: options.chunkRows, chunkBytes: CHUNK_BYTES, bar: options.bar };
  const copied = new Map<string, number>();
  for (const table of copies) {
    copied.set(
      table.name,
      await copyTable(snapshot, pool, table, progress.get(table.name), copyOptions),
    );
  }
  const queueCount = queue && { table: queue, rowsCopied: copied.get(queue.name) ?? 0 };
  return countRows(snapshot, pool, tables, queueCount);
}

/**
 * A database error mid-copy (the connection lost, a disk full, a row the target refused) stops
 * the run with what is copied kept; other errors are bugs and keep their stack.
 */
function stoppedError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof MigrateError || typeof code !== 'string') return error;
  return new MigrateError(
    `the copy stopped: ${(error as Error).message}. What was copied is kept: run the same command again to continue`,
  );
}
