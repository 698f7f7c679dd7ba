/**
 * Opening a store migrates its database: safely when several nodes start at once on a fresh
 * one, never over a schema newer than this code, and to the same tables and columns on every
 * dialect (the schema has one source, schema/).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import { MIGRATION_TRACKS } from '../../src/store/postgres/migrations.js';
import { renderDdl } from '../../src/store/postgres/render-ddl.js';
import { MAIN_MIGRATIONS } from '../../src/store/schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../../src/store/schema/queue-migrations.js';
import { MAIN_DB_FILE, QUEUE_DB_FILE } from '../../src/store/sqlite/sqlite-store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { digested, persistEvents } from '../helpers/store-records.js';

/** Runs one statement on a PostgreSQL config's database, outside any store. */
async function onPostgres(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every table's columns, as `table.column`, sorted: what both dialects must agree on. */
async function columnsOf(config: StoreConfig): Promise<string[]> {
  if (config.kind === 'postgres') {
    const rows = await onPostgres(
      config.url,
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
         AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition)`,
    );
    return rows.map((row) => String(row['name'])).sort();
  }
  const names: string[] = [];
  for (const file of [MAIN_DB_FILE, QUEUE_DB_FILE]) {
    const db = new Database(path.join(config.dataDir, file), { readonly: true });
    const rows = db
      .prepare(
        `SELECT m.name || '.' || c.name AS name FROM sqlite_master m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name <> 'sqlite_sequence'`,
      )
      .all() as Array<{ name: string }>;
    names.push(...rows.map((row) => row.name));
    db.close();
  }
  return names.sort();
}

/** Marks a database as migrated further than this code knows. */
async function pretendNewerSchema(config: StoreConfig): Promise<void> {
  if (config.kind === 'postgres') {
    await onPostgres(
      config.url,
      `INSERT INTO schema_migrations (track, version, applied_at) VALUES ('main', 999, 0)`,
    );
    return;
  }
  const db = new Database(path.join(config.dataDir, MAIN_DB_FILE));
  db.pragma('user_version = 999');
  db.close();
}

// Columns only one dialect's way of running needs (schema.ts, `only`).
const CAPABILITY_COLUMNS: Record<string, string[]> = {
  sqlite: ['digest_cursor.id', 'digest_cursor.last_queue_id'],
  postgres: [
    'queue.claimed_until',
    'rate_windows.scope',
    'rate_windows.used',
    'rate_windows.window_start',
  ],
};

const dialects = await storeDialects();
const columnsByDialect = new Map<string, string[]>();

for (const dialect of dialects) {
  describe(`Store migrations (${dialect.name})`, { skip: dialect.skip }, () => {
    it('two stores opening the same fresh database at once both succeed and work', async () => {
      const config = await dialect.freshConfig();
      const stores = await Promise.all([openStore(config), openStore(config)]);
      try {
        const project = await stores[0].createProject('both');
        assert.deepEqual(await stores[1].getProject(project.id), project);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
      const columns = await columnsOf(config);
      columnsByDialect.set(
        dialect.name,
        columns.filter((c) => !CAPABILITY_COLUMNS[dialect.name]!.includes(c)),
      );
      assert.ok(columns.includes('events.payload'));
    });

    it('refuses a database migrated by a newer Faultline', async () => {
      const config = await dialect.freshConfig();
      await (await openStore(config)).close();
      await pretendNewerSchema(config);
      await assert.rejects(openStore(config), /newer than this Faultline/);
    });
  });
}

describe('Store migrations on every dialect', () => {
  it('create the same tables and columns (but for those of one capability)', (t) => {
    if (columnsByDialect.size < dialects.length) return t.skip('a dialect did not run here');
    const [first, ...rest] = [...columnsByDialect.values()];
    for (const columns of rest) assert.deepEqual(columns, first);
  });
});

for (const dialect of dialects.filter((d) => d.name === 'postgres')) {
  describe('Store migrations (postgres): schema_migrations', { skip: dialect.skip }, () => {
    it('records each migration once, even when several nodes start together', async () => {
      const config = await dialect.freshConfig();
      assert.equal(config.kind, 'postgres');
      if (config.kind !== 'postgres') return;
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(config)));
      await Promise.all(stores.map((store) => store.close()));
      const rows = await onPostgres(
        config.url,
        'SELECT track, version FROM schema_migrations ORDER BY track, version',
      );
      const expected = MIGRATION_TRACKS.flatMap(({ track, migrations }) =>
        migrations.map((_, index) => ({ track, version: index + 1 })),
      );
      assert.deepEqual(rows, expected);
    });

    it('partitions an events table that already holds events, keeping them, their ids and attachments', async () => {
      const config = await dialect.freshConfig();
      if (config.kind !== 'postgres') return;
      // A database as Faultline left it before events were partitioned (main migrations 1–2).
      const sql = [
        ...MAIN_MIGRATIONS.slice(0, 2).flatMap(renderDdl),
        ...QUEUE_MIGRATIONS.slice(0, 1).flatMap(renderDdl),
        `CREATE TABLE schema_migrations (track TEXT NOT NULL, version INTEGER NOT NULL,
           applied_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (track, version))`,
        `INSERT INTO schema_migrations VALUES ('main', 1, 0), ('main', 2, 0), ('queue', 1, 0)`,
        `INSERT INTO projects (name, created_at) VALUES ('old', 0)`,
        `INSERT INTO issues (project_id, title, culprit, level, platform, first_seen, last_seen)
           VALUES (1, 'Error: old', '', 'error', 'node', 0, 0)`,
        `INSERT INTO events (id, project_id, event_id, issue_id, timestamp, received_at, level,
           grouping_hash, payload) VALUES (41, 1, '${'e'.repeat(32)}', 1, 5, 5, 'error', 'h', '\\x00')`,
        `INSERT INTO attachments (project_id, event_id, filename, size, data)
           VALUES (1, '${'e'.repeat(32)}', 'log.txt', 1, '\\x00')`,
      ];
      for (const statement of sql) await onPostgres(config.url, statement);

      const store = await openStore(config);
      try {
        assert.equal(await store.countEvents(), 1);
        const [row] = await onPostgres(
          config.url,
          `SELECT id, tableoid::regclass::text AS part FROM events WHERE event_id = '${'e'.repeat(32)}'`,
        );
        assert.deepEqual(row, { id: '41', part: 'events_default' });
        const [attachment] = await onPostgres(config.url, 'SELECT received_at FROM attachments');
        assert.equal(attachment!['received_at'], 5, 'an old attachment arrived with its event');
        await persistEvents(store, [digested(1, { receivedAt: 10 })]);
        const [next] = await onPostgres(config.url, 'SELECT max(id) AS id FROM events');
        assert.equal(next!['id'], '42', 'new ids continue after the moved ones');
      } finally {
        await store.close();
      }
    });
  });
}

describe('openStore (postgres) on a server that is not there', () => {
  it('rejects, leaving nothing open', async () => {
    await assert.rejects(openStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/x' }));
  });
});
