/**
 * The schema of the raw ingest queue, as numbered migrations for every dialect. On SQLite this is
 * its own file, queue.db (see sqlite/migrations.ts for why); on PostgreSQL the `queue` track of
 * schema_migrations in the one database. Never change a released migration: append the next one.
 */
import { column, indexColumns } from './schema.js';
import type { Migration } from './schema.js';

export const QUEUE_MIGRATIONS: readonly Migration[] = [
  {
    steps: [
      {
        kind: 'table',
        name: 'queue',
        columns: [
          // Ids must never be reused after the queue drains, or the digest cursor would skip new
          // entries.
          column('id', 'id', { neverReuseIds: true }),
          column('project_id', 'integer'),
          column('event_id', 'text'),
          column('kind', 'text'),
          column('received_at', 'real'),
          column('envelope', 'blob'),
          // Unix seconds until which a digest worker owns the entry; once passed (the worker died
          // or stalled), another worker claims it again.
          column('claimed_until', 'real', { default: 0, only: 'queue-lease' }),
        ],
      },
      // A re-sent event still waiting in the queue is acknowledged, not queued twice.
      {
        kind: 'index',
        name: 'queue_event',
        table: 'queue',
        columns: indexColumns('project_id', 'event_id'),
        unique: true,
        where: "kind = 'event'",
      },
    ],
  },
  {
    // Who sent each envelope (QueuedEnvelope.clientIp, .clientAgent), from the request rather
    // than the envelope, so a client cannot choose them. NULL for entries queued before.
    steps: [
      { kind: 'column', table: 'queue', column: column('client_ip', 'text', { nullable: true }) },
      {
        kind: 'column',
        table: 'queue',
        column: column('client_agent', 'text', { nullable: true }),
      },
    ],
  },
];
