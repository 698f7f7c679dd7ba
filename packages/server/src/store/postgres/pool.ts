/**
 * Connections to PostgreSQL: one pg.Pool per store (each thread opens its own store), rows read
 * as `Record<string, unknown>` for rows.ts to parse, and a transaction helper.
 */
import pg from 'pg';
import type { Row } from './rows.js';

/** A pool or one of its clients: anything that runs a query. */
export type Queryable = pg.Pool | pg.PoolClient;

export interface PoolOptions {
  /** Connections this store may open (pg's default is 10). */
  max?: number;
}

const INT8_OID = 20;

/**
 * BIGINT (ids, counts, `count(*)`) arrives as text; pg leaves it a string so no precision is
 * lost. Faultline's ids and counts stay far below 2^53, so they are read as numbers, and one that
 * is not is an error rather than a silently rounded id.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`BIGINT ${text} is beyond the integers a JS number holds exactly`);
  }
  return value;
}

export function openPool(url: string, options: PoolOptions = {}): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  const pool = new pg.Pool({
    connectionString: url,
    // Names Faultline's sessions in pg_stat_activity (a URL parameter still overrides it).
    application_name: 'faultline',
    types,
    ...(options.max === undefined ? {} : { max: options.max }),
  });
  // An idle connection that breaks (the server restarted, a proxy cut it) is dropped by the pool
  // and replaced on next use; the failure reaches the caller of the next query that fails. Without
  // a listener, Node would treat the pool's 'error' event as a crash.
  pool.on('error', () => {});
  // A client whose connection breaks while it is checked out (the server restarting under load)
  // also emits 'error' on itself, where no pool listener is: unheard, it would kill the thread.
  // The query it was running, or the next one, rejects with the error anyway.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export async function queryRows(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const result = await db.query<Row>(sql, params);
  return result.rows;
}

/** Rows the statement inserted, updated or deleted. */
export async function queryCount(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<number> {
  const result = await db.query(sql, params);
  return result.rowCount ?? 0;
}

/** Runs `work` in one transaction on one client; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A client whose ROLLBACK fails is broken: release(error) closes it instead of pooling it.
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: unknown) =>
        client.release(rollbackError instanceof Error ? rollbackError : true),
    );
    throw error;
  }
}

/**
 * PostgreSQL's TEXT cannot hold U+0000, which SQLite stores as is. Event fields are
 * attacker-controlled, so a NUL becomes U+FFFD (as an undecodable byte does) rather than failing
 * the whole batch. `undefined` is SQL NULL.
 */
export function textParam(value: string): string;
export function textParam(value: string | undefined): string | null;
export function textParam(value: string | undefined): string | null {
  if (value === undefined) return null;
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** `($1, $2), ($3, $4), …`: the VALUES list of a multi-row INSERT of `rows` rows of `width`. */
export function valuesList(rows: number, width: number, offset = 0): string {
  const tuples: string[] = [];
  for (let row = 0; row < rows; row++) {
    const params: string[] = [];
    for (let col = 1; col <= width; col++) params.push(`$${offset + row * width + col}`);
    tuples.push(`(${params.join(', ')})`);
  }
  return tuples.join(', ');
}
