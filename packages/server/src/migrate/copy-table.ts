/**
 * Copies one table in chunks, each chunk in ONE target transaction together with its progress
 * row: an interruption anywhere (a crash, a lost connection, Ctrl-C) leaves the target at a
 * chunk boundary that migrate_progress names exactly, so a rerun neither loses nor repeats a row.
 */
import type pg from 'pg';
import { inTransaction } from '../store/postgres/pool.js';
import type { TableCopy } from './copy-tables.js';
import { crashIfTestAsks } from './crash-for-tests.js';
import { insertRows, moveIdentityPastIds } from './insert-rows.js';
import { saveProgress } from './migrate-progress.js';
import type { TableProgress } from './migrate-progress.js';
import type { ProgressBar } from './progress-bar.js';
import type { SourceSnapshot } from './source-snapshot.js';

export interface CopyTableOptions {
  /** Rows per chunk (one transaction). */
  chunkRows: number;
  /** A chunk also ends once it holds this many bytes: events and attachments carry blobs. */
  chunkBytes: number;
  bar: ProgressBar;
}

/** Copies what is left of `table` after `progress`; resolves with the rows copied in all. */
export async function copyTable(
  snapshot: SourceSnapshot,
  pool: pg.Pool,
  table: TableCopy,
  progress: TableProgress | undefined,
  options: CopyTableOptions,
): Promise<number> {
  let lastKey = progress?.lastKey;
  let rowsCopied = progress?.rowsCopied ?? 0;
  options.bar.begin(table.name, rowsCopied, snapshot.count(table));
  for (;;) {
    const rows = snapshot.readChunk(table, lastKey, options.chunkRows, options.chunkBytes);
    if (rows.length === 0) break;
    const next = {
      lastKey: rows.at(-1)!.key,
      rowsCopied: rowsCopied + rows.length,
    };
    await inTransaction(pool, async (client) => {
      await insertRows(
        client,
        table.name,
        table.columns,
        rows.map((row) => row.values),
      );
      await saveProgress(client, snapshot.id, table.name, next);
      await crashIfTestAsks();
    });
    ({ lastKey, rowsCopied } = next);
    options.bar.update(rowsCopied);
  }
  // Also on a rerun that found the table complete: it may have stopped just before this.
  if (table.identity) await moveIdentityPastIds(pool, table.name);
  options.bar.end(rowsCopied);
  return rowsCopied;
}
