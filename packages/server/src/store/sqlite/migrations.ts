/**
 * Applies the neutral schema (schema/main-migrations.ts, schema/queue-migrations.ts) to SQLite,
 * each file's version tracked in `PRAGMA user_version` (the number of its migrations applied).
 *
 * Two files: `faultline.db` holds what digest produced and the API reads; `queue.db` holds only
 * the raw ingest queue. Keeping the queue in its own file gives ingest its own writer lock, so an
 * HTTP request never waits behind a digest transaction (SQLite allows one writer per file).
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../schema/schema.js';
import { renderDdl } from './render-ddl.js';

export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `this database has schema version ${current}, newer than this Faultline (${migrations.length}); upgrade Faultline`,
    );
  }
  if (current === migrations.length) return;
  // A migration that rebuilds a table (render-ddl.ts) drops the old one, which with foreign keys
  // enforced would delete every row referencing it. Enforcement cannot change inside a
  // transaction, so it is off while migrating; the rebuilds keep every id, so references hold.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < migrations.length; version++) {
      const statements = renderDdl(migrations[version]!);
      db.transaction(() => {
        for (const statement of statements) db.exec(statement);
        db.pragma(`user_version = ${version + 1}`);
      }).immediate();
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}
