/**
 * A minimal, dialect-neutral way to run SQL, for the parts of storage that are the same query in
 * every database (accounts, sessions, tokens, issue search: src/store/accounts/, src/api/search/).
 * The Store's dialect files keep what differs (the queue, persisting a batch, partitions); what
 * does not differ is written once against this, instead of twice in sqlite/ and postgres/.
 *
 * Statements use `?` for parameters (PostgreSQL's runner numbers them), plain SQL both dialects
 * accept, and column aliases in snake_case. Booleans come back as 0/1 from SQLite and as
 * true/false from PostgreSQL: read them with `Boolean(…)`.
 */
export type SqlValue = string | number | boolean | null | Uint8Array;

export type SqlRow = Readonly<Record<string, unknown>>;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  get(sql: string, params?: readonly SqlValue[]): Promise<SqlRow | undefined>;
  /** Runs a statement; resolves with the rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `work` in one transaction, on the `Sql` it is handed: everything else waits until it
   * commits or rolls back (on SQLite, other callers of this runner; on PostgreSQL, it holds a
   * connection of its own).
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** A row's column as a number, a string or nothing, checked: a drifted schema fails loudly. */
export function numberColumn(row: SqlRow, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`column ${column}: expected a number, got ${typeof value}`);
}

export function stringColumn(row: SqlRow, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw new TypeError(`column ${column}: expected a string, got ${typeof value}`);
}

export function optionalNumberColumn(row: SqlRow, column: string): number | undefined {
  return row[column] === null || row[column] === undefined ? undefined : numberColumn(row, column);
}

export function optionalStringColumn(row: SqlRow, column: string): string | undefined {
  return row[column] === null || row[column] === undefined ? undefined : stringColumn(row, column);
}

export function booleanColumn(row: SqlRow, column: string): boolean {
  const value = row[column];
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw new TypeError(`column ${column}: expected a boolean, got ${typeof value}`);
}

/** `?, ?, ?`: the markers for an IN list of `count` values (at least one). */
export function placeholders(count: number): string {
  return Array.from({ length: Math.max(1, count) }, () => '?').join(', ');
}
