/**
 * SQLite files already in the field were created by the literal SQL of the fixture of record;
 * their `PRAGMA user_version` counts its migrations. The schema rendered from the neutral source
 * must create the same database, or those files would silently differ from new ones.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MAIN_MIGRATIONS } from '../../src/store/schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../../src/store/schema/queue-migrations.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import {
  MAIN_MIGRATIONS_V1_SQL,
  QUEUE_MIGRATIONS_V1_SQL,
} from '../fixtures/sqlite-schema/migrations-v1.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { newEventId } from '../helpers/envelopes.js';

/** How the fixture's migrate() applied literal SQL, kept here to recreate a file of the field. */
function migrateLiteral(db: Database.Database, migrations: readonly string[]): void {
  migrations.forEach((sql, version) => {
    db.exec(sql);
    db.pragma(`user_version = ${version + 1}`);
  });
}

/** The SQL text SQLite keeps, without comments and layout: what it parses on every open. */
function normalizeSql(sql: string | null): string | null {
  if (sql === null) return null;
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();
}

/** Everything SQLite knows about a database's schema, in a comparable form. */
function describeSchema(db: Database.Database): Record<string, unknown> {
  const objects = db
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
  const tables = objects.filter((o) => o.type === 'table').map((o) => o.name);
  const perTable = Object.fromEntries(
    tables.map((table) => [
      table,
      {
        list: db.prepare('SELECT * FROM pragma_table_list WHERE name = ?').all(table),
        columns: db.prepare('SELECT * FROM pragma_table_xinfo(?)').all(table),
        foreignKeys: db.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(table),
        indexes: (
          db.prepare('SELECT * FROM pragma_index_list(?) ORDER BY name').all(table) as Array<{
            name: string;
          }>
        ).map((index) => ({
          ...index,
          columns: db.prepare('SELECT * FROM pragma_index_xinfo(?)').all(index.name),
        })),
      },
    ]),
  );
  return {
    userVersion: db.pragma('user_version', { simple: true }),
    objects: objects.map((o) => ({ ...o, sql: normalizeSql(o.sql) })),
    perTable,
    // Seed rows (the digest cursor) matter as much as the DDL.
    digestCursor: tables.includes('digest_cursor')
      ? db.prepare('SELECT * FROM digest_cursor').all()
      : undefined,
  };
}

describe('SQLite schema rendered from the neutral source', () => {
  for (const [name, literal, neutral] of [
    ['faultline.db', MAIN_MIGRATIONS_V1_SQL, MAIN_MIGRATIONS],
    ['queue.db', QUEUE_MIGRATIONS_V1_SQL, QUEUE_MIGRATIONS],
  ] as const) {
    it(`creates the same ${name} as the literal SQL of record, at the same user_version`, () => {
      const fromLiteral = new Database(':memory:');
      const fromNeutral = new Database(':memory:');
      migrateLiteral(fromLiteral, literal);
      migrate(fromNeutral, neutral.slice(0, literal.length));
      assert.deepEqual(describeSchema(fromNeutral), describeSchema(fromLiteral));
      fromLiteral.close();
      fromNeutral.close();
    });
  }

  it('opens a data directory created by the literal SQL, migrates it forward, and works on it', async () => {
    const temp = makeTempDir();
    try {
      for (const [file, literal] of [
        ['faultline.db', MAIN_MIGRATIONS_V1_SQL],
        ['queue.db', QUEUE_MIGRATIONS_V1_SQL],
      ] as const) {
        const db = new Database(path.join(temp.dir, file));
        migrateLiteral(db, literal);
        db.close();
      }
      const store = openSqliteStore(temp.dir);
      const project = await store.createProject('old');
      const eventId = newEventId();
      const entry = {
        projectId: project.id,
        eventId,
        kind: 'event' as const,
        receivedAt: 1,
        envelope: new Uint8Array([1]),
      };
      assert.equal(await store.enqueue([entry]), 1);
      const claimed = await store.claimBatch(10);
      assert.equal(claimed.length, 1);
      await store.completeBatch(claimed, { events: [], attachments: [] });
      assert.equal((await store.queueStats()).depth, 0);
      await store.close();
      for (const [file, migrations] of [
        ['faultline.db', MAIN_MIGRATIONS],
        ['queue.db', QUEUE_MIGRATIONS],
      ] as const) {
        const db = new Database(path.join(temp.dir, file), { readonly: true });
        assert.equal(
          db.pragma('user_version', { simple: true }),
          migrations.length,
          `${file} is migrated forward from the literal schema`,
        );
        db.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});
