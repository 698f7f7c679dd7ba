/**
 * The vocabulary of the one, dialect-neutral schema: tables with typed columns, indexes and seed
 * rows, grouped into numbered migrations. Each dialect renders it to its own DDL
 * (sqlite/render-ddl.ts, postgres/render-ddl.ts), so a table is declared once for every database.
 *
 * It describes only what Faultline's schema uses; a new need (a reference that does not cascade,
 * a new column type) is added here and to both renderers, not written as raw SQL in one dialect.
 */

/**
 * `id`: an integer primary key the database assigns. `real`: floating point, used for Unix
 * seconds (the Store's timestamps are numbers). `boolean`: true/false (0/1 where there is no
 * boolean type).
 */
export type ColumnType = 'id' | 'integer' | 'real' | 'text' | 'blob' | 'boolean';

/**
 * How a dialect runs, for the few schema parts only one way needs.
 * `queue-cursor`: one digest worker reads the queue in order, remembering how far it got next to
 * the data it wrote (SQLite). `queue-lease`: many workers claim entries with a lease, and
 * completing an entry deletes it (PostgreSQL).
 * `shared-state`: several servers share the database, so what one server would count in memory
 * (rate limits) is kept in tables (PostgreSQL).
 * `time-partitions`: big tables are split into ranges of time, so retention drops whole ranges
 * instead of deleting rows (PostgreSQL).
 */
export type Capability = 'queue-cursor' | 'queue-lease' | 'shared-state' | 'time-partitions';

export interface Column {
  name: string;
  type: ColumnType;
  /** Columns are NOT NULL unless nullable (a primary key column is never null). */
  nullable?: true;
  /** The table's primary key is this column alone (an `id` column always is). */
  primaryKey?: true;
  /** For an `id`: never hand out an id again, even one whose row was deleted. */
  neverReuseIds?: true;
  default?: string | number | boolean;
  /** Every reference so far cascades: a deleted project or issue takes its rows with it. */
  references?: { table: string; column: string };
  /** An SQL expression every dialect accepts. */
  check?: string;
  /** Present only in dialects with this capability. */
  only?: Capability;
}

export interface IndexColumn {
  name: string;
  descending?: true;
}

export interface TableStep {
  kind: 'table';
  name: string;
  columns: readonly Column[];
  /** A composite primary key (a single-column key is set on the column). */
  primaryKey?: readonly string[];
  /** A storage hint for tables keyed by their primary key; dialects without it ignore it. */
  withoutRowid?: true;
  only?: Capability;
}

export interface IndexStep {
  kind: 'index';
  name: string;
  table: string;
  columns: readonly IndexColumn[];
  unique?: true;
  /** A partial index: an SQL predicate every dialect accepts. */
  where?: string;
  only?: Capability;
}

export type Step =
  | TableStep
  | IndexStep
  | {
      /**
       * Rebuilds a table made by an earlier migration as one partitioned by ranges of `column`
       * (its rows move along), with `indexes` in place of the ones it had. A unique index there
       * would have to include `column`, so the table's uniqueness is up to its writers.
       */
      kind: 'partition';
      table: TableStep;
      column: string;
      indexes: readonly IndexStep[];
      only: 'time-partitions';
    }
  | {
      /** A column added to a table made by an earlier migration. */
      kind: 'column';
      table: string;
      column: Column;
      only?: Capability;
    }
  | {
      /**
       * Sets a column of every existing row to an SQL expression every dialect accepts, or to a
       * time (Unix seconds) counted from when the migration runs, which no such expression says.
       */
      kind: 'backfill';
      table: string;
      column: string;
      expression: string | { secondsFromNow: number };
      only?: Capability;
    }
  | {
      /**
       * From now on never hand out an id of a table made by an earlier migration again, even
       * one whose row was deleted. `table` is the table as it stands now (every column, in
       * order), its `id` column marked neverReuseIds: a dialect that must rebuild the table for
       * this (SQLite's AUTOINCREMENT) creates it from that and moves the rows; one whose ids are
       * never reused anyway (PostgreSQL's identities) does nothing.
       */
      kind: 'never-reuse-ids';
      table: TableStep;
      only?: Capability;
    }
  | {
      /**
       * Rows made from what earlier migrations stored: `INSERT INTO table (columns) select`,
       * `select` being a query every dialect accepts. Keep it to one pass over a small table.
       */
      kind: 'insert-select';
      table: string;
      columns: readonly string[];
      select: string;
      only?: Capability;
    }
  | {
      kind: 'insert';
      table: string;
      row: Readonly<Record<string, string | number | boolean>>;
      only?: Capability;
    };

/** One schema version: version N is the Nth migration of its list. */
export interface Migration {
  steps: readonly Step[];
}

/** The steps (and columns) of a migration that a dialect with these capabilities creates. */
export function stepsFor(migration: Migration, capabilities: ReadonlySet<Capability>): Step[] {
  const present = (item: { only?: Capability }) =>
    item.only === undefined || capabilities.has(item.only);
  return migration.steps
    .filter(present)
    .map((step) =>
      step.kind === 'table' ? { ...step, columns: step.columns.filter(present) } : step,
    );
}

export function column(
  name: string,
  type: ColumnType,
  options: Omit<Column, 'name' | 'type'> = {},
): Column {
  return { name, type, ...options };
}

export function indexColumns(...names: string[]): IndexColumn[] {
  return names.map((name) =>
    name.endsWith(' DESC') ? { name: name.slice(0, -' DESC'.length), descending: true } : { name },
  );
}
