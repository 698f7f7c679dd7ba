/**
 * migrate_progress in the target: per source and table, the key of the last copied row and how
 * many rows are copied. Written in the same transaction as each chunk (copy-table.ts), so what
 * it says is exactly what the target holds.
 */
import type pg from 'pg';
import { queryRows } from '../store/postgres/pool.js';
import { readNumber, readString } from '../store/postgres/rows.js';
import type { Queryable } from '../store/postgres/pool.js';
import { MigrateError } from './migrate-error.js';
import type { KeyValue } from './source-snapshot.js';

export interface TableProgress {
  lastKey: KeyValue[];
  rowsCopied: number;
}

function parseKey(text: string, table: string): KeyValue[] {
  const key: unknown = JSON.parse(text);
  if (
    !Array.isArray(key) ||
    !key.every((value) => typeof value === 'string' || typeof value === 'number')
  ) {
    throw new MigrateError(`migrate_progress has an unreadable key for ${table}: ${text}`);
  }
  return key;
}

export async function readProgress(
  db: Queryable,
  source: string,
): Promise<Map<string, TableProgress>> {
  const rows = await queryRows(
    db,
    'SELECT table_name, last_key, rows_copied FROM migrate_progress WHERE source = $1',
    [source],
  );
  return new Map(
    rows.map((row) => {
      const table = readString(row, 'table_name');
      const progress = {
        lastKey: parseKey(readString(row, 'last_key'), table),
        rowsCopied: readNumber(row, 'rows_copied'),
      };
      return [table, progress];
    }),
  );
}

/** The sources other than `source` that this database holds copies of. */
export async function otherSources(db: Queryable, source: string): Promise<string[]> {
  const rows = await queryRows(
    db,
    'SELECT DISTINCT source FROM migrate_progress WHERE source <> $1 ORDER BY source',
    [source],
  );
  return rows.map((row) => readString(row, 'source'));
}

export async function saveProgress(
  client: pg.PoolClient,
  source: string,
  table: string,
  progress: TableProgress,
): Promise<void> {
  await client.query(
    `INSERT INTO migrate_progress (source, table_name, last_key, rows_copied)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (source, table_name)
     DO UPDATE SET last_key = excluded.last_key, rows_copied = excluded.rows_copied`,
    [source, table, JSON.stringify(progress.lastKey), progress.rowsCopied],
  );
}
