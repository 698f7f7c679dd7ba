/**
 * SQLite schema, as numbered migrations tracked in `PRAGMA user_version`.
 *
 * Two files: `faultline.db` holds what digest produced and the API reads; `queue.db` holds only
 * the raw ingest queue. Keeping the queue in its own file gives ingest its own writer lock, so an
 * HTTP request never waits behind a digest transaction (SQLite allows one writer per file).
 */
import type Database from 'better-sqlite3';

export const MAIN_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at REAL NOT NULL,
    scrub_data INTEGER NOT NULL DEFAULT 1,
    scrub_fields TEXT NOT NULL DEFAULT '[]',
    quota_count INTEGER,
    quota_window_seconds INTEGER
  );
  CREATE TABLE project_keys (
    public_key TEXT PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    active INTEGER NOT NULL DEFAULT 1,
    rate_limit_count INTEGER,
    rate_limit_window_seconds INTEGER,
    created_at REAL NOT NULL
  );
  CREATE INDEX project_keys_project ON project_keys (project_id);

  CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    culprit TEXT NOT NULL,
    type TEXT,
    value TEXT,
    level TEXT NOT NULL,
    platform TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'unresolved',
    times_seen INTEGER NOT NULL DEFAULT 0,
    user_count INTEGER NOT NULL DEFAULT 0,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    first_release TEXT,
    last_release TEXT,
    resolved_at REAL,
    regressed_at REAL
  );
  CREATE INDEX issues_project_last_seen ON issues (project_id, last_seen DESC);

  -- Each hash remembers the grouping version and the components that produced it.
  CREATE TABLE issue_hashes (
    project_id INTEGER NOT NULL,
    hash TEXT NOT NULL,
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    grouping_version TEXT NOT NULL,
    components TEXT NOT NULL,
    PRIMARY KEY (project_id, hash)
  ) WITHOUT ROWID;
  CREATE INDEX issue_hashes_issue ON issue_hashes (issue_id);

  CREATE TABLE issue_hourly (
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    hour INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (issue_id, hour)
  ) WITHOUT ROWID;

  CREATE TABLE issue_tags (
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    PRIMARY KEY (issue_id, key, value)
  ) WITHOUT ROWID;

  CREATE TABLE issue_users (
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    user_key TEXT NOT NULL,
    PRIMARY KEY (issue_id, user_key)
  ) WITHOUT ROWID;

  CREATE TABLE issue_activity (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    at REAL NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX issue_activity_issue ON issue_activity (issue_id, id);

  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    timestamp REAL NOT NULL,
    received_at REAL NOT NULL,
    level TEXT NOT NULL,
    release TEXT,
    environment TEXT,
    user_key TEXT,
    grouping_hash TEXT NOT NULL,
    payload BLOB NOT NULL
  );
  CREATE UNIQUE INDEX events_project_event_id ON events (project_id, event_id);
  CREATE INDEX events_issue ON events (issue_id, id);

  CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT,
    attachment_type TEXT,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX attachments_event ON attachments (project_id, event_id);

  CREATE TABLE outcomes (
    project_id INTEGER NOT NULL,
    hour INTEGER NOT NULL,
    category TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (project_id, hour, category, outcome, reason)
  ) WITHOUT ROWID;

  -- How far digest has read the queue: advanced in the same transaction that persists a batch,
  -- so a crash can neither lose a batch nor digest it twice.
  CREATE TABLE digest_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_queue_id INTEGER NOT NULL
  );
  INSERT INTO digest_cursor (id, last_queue_id) VALUES (1, 0);
  `,
];

export const QUEUE_MIGRATIONS: readonly string[] = [
  `
  -- AUTOINCREMENT: ids must never be reused after the queue drains, or the digest cursor would
  -- skip new entries.
  CREATE TABLE queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at REAL NOT NULL,
    envelope BLOB NOT NULL
  );
  -- A re-sent event still waiting in the queue is acknowledged, not queued twice.
  CREATE UNIQUE INDEX queue_event ON queue (project_id, event_id) WHERE kind = 'event';
  `,
];

export function migrate(db: Database.Database, migrations: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `this database has schema version ${current}, newer than this Faultline (${migrations.length}); upgrade Faultline`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
