/**
 * Applies the neutral schema (schema/main-migrations.ts, schema/queue-migrations.ts) to
 * PostgreSQL. Both tracks live in the one database; `schema_migrations` records each applied
 * (track, version), where version N means the same migration as SQLite's `user_version` N.
 *
 * Many stateless nodes may start at once against a fresh database: every node takes the same
 * advisory lock first, so one migrates while the others wait, then find nothing left to do.
 * DDL is transactional in PostgreSQL, so a failed migration leaves no half-made schema.
 */
import type pg from 'pg';
import { MAIN_MIGRATIONS } from '../schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../schema/queue-migrations.js';
import type { Migration } from '../schema/schema.js';
import { ADVISORY_LOCKS } from './advisory-locks.js';
import { inTransaction, queryRows } from './pool.js';
import { readNumber, readString } from './rows.js';
import { renderDdl } from './render-ddl.js';

export const MIGRATION_TRACKS: ReadonlyArray<{ track: string; migrations: readonly Migration[] }> =
  [
    { track: 'main', migrations: MAIN_MIGRATIONS },
    { track: 'queue', migrations: QUEUE_MIGRATIONS },
  ];

export async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Held until COMMIT: a node that waited here then sees every migration the first applied.
    await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migrations]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        track TEXT NOT NULL,
        version INTEGER NOT NULL,
        applied_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (track, version)
      )`,
    );
    const rows = await queryRows(
      client,
      'SELECT track, max(version)::bigint AS version FROM schema_migrations GROUP BY track',
    );
    const applied = new Map(
      rows.map((row) => [readString(row, 'track'), readNumber(row, 'version')]),
    );
    for (const { track, migrations } of MIGRATION_TRACKS) {
      const current = applied.get(track) ?? 0;
      if (current > migrations.length) {
        throw new Error(
          `this database has ${track} schema version ${current}, newer than this Faultline (${migrations.length}); upgrade Faultline`,
        );
      }
      for (let version = current; version < migrations.length; version++) {
        for (const statement of renderDdl(migrations[version]!)) await client.query(statement);
        await client.query(
          'INSERT INTO schema_migrations (track, version, applied_at) VALUES ($1, $2, $3)',
          [track, version + 1, Date.now() / 1000],
        );
      }
    }
  });
}
