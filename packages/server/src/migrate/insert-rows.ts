/**
 * Writes source rows into a target table as they are, converted per neutral column type: SQLite
 * keeps booleans as 0/1 and text that may hold NUL, which PostgreSQL's BOOLEAN and TEXT do not.
 */
import type pg from 'pg';
import { textParam, valuesList } from '../store/postgres/pool.js';
import type { Queryable } from '../store/postgres/pool.js';
import type { Column } from '../store/schema/schema.js';
import type { SqliteValue } from './source-snapshot.js';

/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

function toPostgres(value: SqliteValue, column: Column): unknown {
  if (value === null) return null;
  switch (column.type) {
    case 'boolean':
      return value !== 0 && value !== 0n;
    case 'text':
      return textParam(String(value));
    case 'blob':
      return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
    case 'id':
    case 'integer':
    case 'real':
      return value;
  }
}

export async function insertRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly SqliteValue[]>,
): Promise<void> {
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  const names = columns.map((c) => c.name).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    // A plain INSERT, no ON CONFLICT: a row already there is an error, never silently skipped,
    // and it works the same on a partitioned table.
    await client.query(
      `INSERT INTO ${table} (${names}) VALUES ${valuesList(part.length, columns.length)}`,
      part.flatMap((row) => row.map((value, index) => toPostgres(value, columns[index]!))),
    );
  }
}

/** After copying explicit ids: the identity's next id is past the highest one. */
export async function moveIdentityPastIds(db: Queryable, table: string): Promise<void> {
  await db.query(
    `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false)
     FROM ${table}`,
  );
}
