/**
 * The Sql runner (../sql.ts) on a better-sqlite3 connection. The connection is synchronous and
 * shared by the whole thread, so a transaction's statements and everyone else's would interleave
 * at each `await`: while one is open, every other caller of this runner waits for it.
 */
import type Database from 'better-sqlite3';
import type { Sql, SqlRow, SqlValue } from '../sql.js';

type Params = readonly SqlValue[];

function bind(params: Params): unknown[] {
  return params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

export class SqliteSql implements Sql {
  readonly dialect = 'sqlite' as const;
  readonly #db: Database.Database;
  #openTransaction: Promise<void> | undefined;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async all(sql: string, params: Params = []): Promise<SqlRow[]> {
    // Inline, not a helper: returning from one would let a transaction start in between.
    while (this.#openTransaction !== undefined) await this.#openTransaction;
    return this.#db.prepare(sql).all(...bind(params)) as SqlRow[];
  }

  async get(sql: string, params: Params = []): Promise<SqlRow | undefined> {
    while (this.#openTransaction !== undefined) await this.#openTransaction;
    return this.#db.prepare(sql).get(...bind(params)) as SqlRow | undefined;
  }

  async run(sql: string, params: Params = []): Promise<number> {
    while (this.#openTransaction !== undefined) await this.#openTransaction;
    return this.#db.prepare(sql).run(...bind(params)).changes;
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    // The check and the claim must happen with no await between them: every waiter wakes in
    // the same tick, and only the first to run may open the next transaction.
    while (this.#openTransaction !== undefined) await this.#openTransaction;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.#openTransaction = mine;
    const db = this.#db;
    // Statements of the transaction itself go straight to the connection.
    const tx: Sql = {
      dialect: 'sqlite',
      all: async (sql, params = []) => db.prepare(sql).all(...bind(params)) as SqlRow[],
      get: async (sql, params = []) => db.prepare(sql).get(...bind(params)) as SqlRow | undefined,
      run: async (sql, params = []) => db.prepare(sql).run(...bind(params)).changes,
      transaction: (inner) => inner(tx),
    };
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(tx);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      if (this.#openTransaction === mine) this.#openTransaction = undefined;
      release();
    }
  }
}
