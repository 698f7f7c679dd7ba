/**
 * The SQLite install being migrated, read in one read transaction: every chunk, count and the
 * digest cursor come from the same moment of both files, even if something wrote to them (which
 * it should not: the server is to be stopped first). Opened read-only; the source never changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MAIN_MIGRATIONS } from '../store/schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../store/schema/queue-migrations.js';
import { MAIN_DB_FILE, QUEUE_DB_FILE } from '../store/sqlite/sqlite-store.js';
import { QUEUE_SCHEMA } from './copy-tables.js';
import type { TableCopy } from './copy-tables.js';
import { MigrateError } from './migrate-error.js';

export type SqliteValue = string | number | bigint | Buffer | null;

/** A key column's value: the schema's keys are integers and text (JSON keeps both exactly). */
export type KeyValue = string | number;

export interface SourceRow {
  key: KeyValue[];
  values: SqliteValue[];
}

export interface SourceSnapshot {
  /** Names the source in migrate_progress: `sqlite:` and the data dir's real path. */
  id: string;
  /** The schema versions of faultline.db and queue.db (their number of migrations). */
  mainVersion: number;
  queueVersion: number;
  count(table: TableCopy): number;
  /** Up to `maxRows` rows after `afterKey` in key order, fewer once they hold `maxBytes`. */
  readChunk(
    table: TableCopy,
    afterKey: readonly KeyValue[] | undefined,
    maxRows: number,
    maxBytes: number,
  ): SourceRow[];
  close(): void;
}

function checkedVersion(db: Database.Database, schema: string, known: number, dir: string) {
  const version = db.pragma(`${schema}.user_version`, { simple: true }) as number;
  if (version === 0) throw new MigrateError(`no Faultline data in ${dir}`);
  if (version > known) {
    throw new MigrateError(
      `${dir} has schema version ${version}, newer than this Faultline (${known}): upgrade Faultline`,
    );
  }
  return version;
}

function whereClause(table: TableCopy, afterKey: readonly KeyValue[] | undefined): string {
  const conditions = table.sourceWhere === undefined ? [] : [table.sourceWhere];
  // A row value comparison walks a composite key in the same order as ORDER BY.
  if (afterKey !== undefined) {
    conditions.push(`(${table.key.join(', ')}) > (${table.key.map(() => '?').join(', ')})`);
  }
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

function keyOf(values: readonly SqliteValue[], table: TableCopy): KeyValue[] {
  return values.map((value) => {
    if (typeof value === 'string' || typeof value === 'number') return value;
    throw new MigrateError(
      `a row of ${table.sourceTable} has a key that is neither number nor text`,
    );
  });
}

function sizeOf(values: readonly SqliteValue[]): number {
  let bytes = 0;
  for (const value of values) {
    if (typeof value === 'string' || Buffer.isBuffer(value)) bytes += value.length;
    else bytes += 8;
  }
  return bytes;
}

export function openSourceSnapshot(dataDir: string): SourceSnapshot {
  for (const file of [MAIN_DB_FILE, QUEUE_DB_FILE]) {
    if (!fs.existsSync(path.join(dataDir, file)))
      throw new MigrateError(`no Faultline data in ${dataDir} (no ${file} there)`);
  }
  const db = new Database(path.join(dataDir, MAIN_DB_FILE), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(`ATTACH DATABASE ? AS ${QUEUE_SCHEMA}`).run(path.join(dataDir, QUEUE_DB_FILE));
    const mainVersion = checkedVersion(db, 'main', MAIN_MIGRATIONS.length, dataDir);
    const queueVersion = checkedVersion(db, QUEUE_SCHEMA, QUEUE_MIGRATIONS.length, dataDir);
    db.exec('BEGIN');
    // The snapshot of each file is taken at its first read: read both now, together.
    db.prepare(
      `SELECT (SELECT count(*) FROM main.sqlite_master), (SELECT count(*) FROM ${QUEUE_SCHEMA}.sqlite_master)`,
    ).get();
    return {
      id: `sqlite:${fs.realpathSync(dataDir)}`,
      mainVersion,
      queueVersion,
      count(table) {
        const sql = `SELECT count(*) FROM ${table.sourceTable} ${whereClause(table, undefined)}`;
        return db.prepare(sql).pluck().get() as number;
      },
      readChunk(table, afterKey, maxRows, maxBytes) {
        const names = [...table.key, ...table.columns.map((c) => c.name)];
        const statement = db
          .prepare(
            `SELECT ${names.join(', ')} FROM ${table.sourceTable} ${whereClause(table, afterKey)}
             ORDER BY ${table.key.join(', ')} LIMIT ?`,
          )
          .raw(true);
        const rows: SourceRow[] = [];
        let bytes = 0;
        for (const raw of statement.iterate(...(afterKey ?? []), maxRows) as Iterable<
          SqliteValue[]
        >) {
          const row = {
            key: keyOf(raw.slice(0, table.key.length), table),
            values: raw.slice(table.key.length),
          };
          rows.push(row);
          bytes += sizeOf(row.values);
          if (bytes >= maxBytes) break;
        }
        return rows;
      },
      close() {
        db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    if (error instanceof MigrateError) throw error;
    // Not a database (SQLITE_NOTADB), unreadable, …: the same message as any other missing data.
    throw new MigrateError(
      `cannot read the Faultline data in ${dataDir}: ${(error as Error).message}`,
    );
  }
}
