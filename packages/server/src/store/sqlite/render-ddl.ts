/**
 * SQLite's part of rendering the neutral schema (schema/render-migration.ts). The types are the
 * ones migrations.ts wrote literally before the schema had one source, so files in the field keep
 * matching (test/store/sqlite-schema.test.ts compares the two).
 */
import { quoteString, renderMigration } from '../schema/render-migration.js';
import type { DdlDialect } from '../schema/render-migration.js';
import type { Column, ColumnType, Migration } from '../schema/schema.js';

const TYPES: Readonly<Record<ColumnType, string>> = {
  // INTEGER PRIMARY KEY makes the column the rowid: SQLite assigns it.
  id: 'INTEGER',
  integer: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
  blob: 'BLOB',
  boolean: 'INTEGER',
};

const SQLITE_DDL: DdlDialect = {
  // One digest worker, reading the queue in order (see sqlite-store.ts).
  capabilities: new Set(['queue-cursor']),
  columnType(column: Column): string {
    if (column.type !== 'id') return TYPES[column.type];
    // Without AUTOINCREMENT SQLite may reuse the id of the highest row once it is deleted.
    return column.neverReuseIds ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'INTEGER PRIMARY KEY';
  },
  literal(value) {
    if (typeof value === 'boolean') return value ? '1' : '0';
    return typeof value === 'number' ? String(value) : quoteString(value);
  },
  unixNow: "CAST(strftime('%s', 'now') AS REAL)",
  withoutRowid: true,
  // SQLite cannot add AUTOINCREMENT to a table: make the new one beside it, move the rows (ids
  // kept, so references still hold; AUTOINCREMENT starts after the highest), swap the names.
  // migrations.ts turns foreign keys off meanwhile, or dropping the old table would delete
  // every row that references it.
  neverReuseIds(table, createTable) {
    const rebuilt = `${table.name}_rebuilt`;
    const names = table.columns.map((c) => c.name).join(', ');
    return [
      createTable({ ...table, name: rebuilt }),
      `INSERT INTO ${rebuilt} (${names}) SELECT ${names} FROM ${table.name}`,
      `DROP TABLE ${table.name}`,
      `ALTER TABLE ${rebuilt} RENAME TO ${table.name}`,
    ];
  },
};

export function renderDdl(migration: Migration): string[] {
  return renderMigration(migration, SQLITE_DDL);
}
