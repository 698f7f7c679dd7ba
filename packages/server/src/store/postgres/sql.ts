/** The Sql runner (../sql.ts) on a pg pool: `?` markers become `$1, $2, …`. */
import type pg from 'pg';
import type { Sql, SqlRow, SqlValue } from '../sql.js';
import { inTransaction, textParam } from './pool.js';
import type { Queryable } from './pool.js';

/** Faultline's shared SQL has no `?` inside string literals or operators, only as markers. */
export function numberMarkers(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => (typeof value === 'string' ? textParam(value) : value));
}

function runnerOn(db: Queryable, transaction: Sql['transaction']): Sql {
  const query = (sql: string, params: readonly SqlValue[] = []) =>
    db.query<SqlRow>(numberMarkers(sql), bind(params));
  return {
    dialect: 'postgres',
    all: async (sql, params) => (await query(sql, params)).rows,
    get: async (sql, params) => (await query(sql, params)).rows[0],
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    transaction,
  };
}

export function postgresSql(pool: pg.Pool): Sql {
  const transaction: Sql['transaction'] = (work) =>
    inTransaction(pool, (client) => {
      const tx: Sql = runnerOn(client, (inner) => inner(tx));
      return work(tx);
    });
  return runnerOn(pool, transaction);
}
