/** The counts verified at the end: every copied table's rows in the source and in the target. */
import type pg from 'pg';
import { queryRows } from '../store/postgres/pool.js';
import { readNumber } from '../store/postgres/rows.js';
import type { TableCopy } from './copy-tables.js';
import type { TableCount } from './count-summary.js';
import type { SourceSnapshot } from './source-snapshot.js';

export async function countRows(
  snapshot: SourceSnapshot,
  pool: pg.Pool,
  tables: readonly TableCopy[],
  queue: { table: TableCopy; rowsCopied: number } | undefined,
): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of tables) {
    const [row] = await queryRows(pool, `SELECT count(*) AS n FROM ${table.name}`);
    counts.push({
      table: table.name,
      source: snapshot.count(table),
      target: readNumber(row!, 'n'),
    });
  }
  if (queue !== undefined) {
    // The entries copied, not those in the target's queue now: a node digesting them removes
    // them from it, and the target's queue held none before (check-target.ts).
    counts.push({
      table: 'queue (pending)',
      source: snapshot.count(queue.table),
      target: queue.rowsCopied,
    });
  }
  return counts;
}
