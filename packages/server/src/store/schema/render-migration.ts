/**
 * Renders a neutral migration to DDL statements. The statement shapes (CREATE TABLE, CREATE
 * INDEX, INSERT) are standard SQL and written once here; a dialect supplies only what differs:
 * its capabilities, column types and literals (sqlite/render-ddl.ts, postgres/render-ddl.ts).
 */
import { stepsFor } from './schema.js';
import type { Capability, Column, IndexStep, Migration, Step, TableStep } from './schema.js';

export interface DdlDialect {
  capabilities: ReadonlySet<Capability>;
  /** The column's type, and for an `id` column its whole key clause. */
  columnType(column: Column): string;
  literal(value: string | number | boolean): string;
  /** The current time in Unix seconds, as an SQL expression. */
  unixNow: string;
  /** Whether to write a table's `withoutRowid` hint. */
  withoutRowid: boolean;
  /**
   * The statements of a `never-reuse-ids` step; absent where ids are never reused anyway.
   * `createTable` renders a table step (under another name, for a rebuild).
   */
  neverReuseIds?(table: TableStep, createTable: (table: TableStep) => string): string[];
  /** The statements of a `partition` step, in dialects with time partitions. */
  partition?(step: Extract<Step, { kind: 'partition' }>): string[];
}

/** Single quotes, doubled inside: standard SQL, the same in every dialect. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function renderColumn(column: Column, dialect: DdlDialect): string {
  const parts = [column.name, dialect.columnType(column)];
  const isKey = column.type === 'id' || column.primaryKey === true;
  if (column.primaryKey) parts.push('PRIMARY KEY');
  // A key column is never written NOT NULL: PostgreSQL implies it, and SQLite's files in the
  // field were created without it (where it changes nothing for an INTEGER key).
  if (!isKey && !column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${dialect.literal(column.default)}`);
  if (column.references) {
    const { table, column: target } = column.references;
    parts.push(`REFERENCES ${table} (${target}) ON DELETE CASCADE`);
  }
  if (column.check !== undefined) parts.push(`CHECK (${column.check})`);
  return parts.join(' ');
}

export function renderIndex(step: IndexStep): string {
  const columns = step.columns.map((c) => (c.descending ? `${c.name} DESC` : c.name));
  const where = step.where === undefined ? '' : ` WHERE ${step.where}`;
  const unique = step.unique ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX ${step.name} ON ${step.table} (${columns.join(', ')})${where}`;
}

function renderCreateTable(step: TableStep, dialect: DdlDialect): string {
  const lines = step.columns.map((column) => renderColumn(column, dialect));
  if (step.primaryKey) lines.push(`PRIMARY KEY (${step.primaryKey.join(', ')})`);
  const suffix = step.withoutRowid && dialect.withoutRowid ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${step.name} (\n  ${lines.join(',\n  ')}\n)${suffix}`;
}

function renderStep(step: Step, dialect: DdlDialect): string[] {
  switch (step.kind) {
    case 'table':
      return [renderCreateTable(step, dialect)];
    case 'never-reuse-ids':
      return (
        dialect.neverReuseIds?.(step.table, (table) => renderCreateTable(table, dialect)) ?? []
      );
    case 'index':
      return [renderIndex(step)];
    case 'backfill': {
      const { expression } = step;
      const value =
        typeof expression === 'string'
          ? expression
          : `${dialect.unixNow} + ${expression.secondsFromNow}`;
      return [`UPDATE ${step.table} SET ${step.column} = ${value}`];
    }
    case 'column':
      return [`ALTER TABLE ${step.table} ADD COLUMN ${renderColumn(step.column, dialect)}`];
    case 'insert': {
      const entries = Object.entries(step.row);
      const names = entries.map(([name]) => name).join(', ');
      const values = entries.map(([, value]) => dialect.literal(value)).join(', ');
      return [`INSERT INTO ${step.table} (${names}) VALUES (${values})`];
    }
    case 'insert-select':
      return [`INSERT INTO ${step.table} (${step.columns.join(', ')}) ${step.select}`];
    case 'partition':
      if (dialect.partition === undefined)
        throw new Error(`this dialect has time partitions but cannot render them`);
      return dialect.partition(step);
  }
}

export function renderMigration(migration: Migration, dialect: DdlDialect): string[] {
  return stepsFor(migration, dialect.capabilities).flatMap((step) => renderStep(step, dialect));
}
