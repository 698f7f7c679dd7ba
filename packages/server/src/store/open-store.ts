/**
 * Where a Store comes from: one config value, serializable so a worker thread can open its own.
 * Async because PostgreSQL connects and migrates before the store is usable; SQLite opens
 * synchronously inside.
 */
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface SqliteStoreConfig {
  kind: 'sqlite';
  dataDir: string;
  readonly?: boolean;
  /** Set by the thread that appends to the ingest queue (see sqlite-store.ts for what changes). */
  queueWriter?: boolean;
}

export interface PostgresStoreConfig {
  kind: 'postgres';
  /** A libpq connection URL: postgres://user:password@host:port/database */
  url: string;
  /** How long a claimed queue entry stays hidden from other digest workers (see queue.ts). */
  queueLeaseSeconds?: number;
}

export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;

export async function openStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteStore(config.dataDir, {
        readonly: config.readonly ?? false,
        queueWriter: config.queueWriter ?? false,
      });
    case 'postgres': {
      // Loaded only when used: importing pg costs ≈100 ms in every thread that opens a store.
      const { openPostgresStore } = await import('./postgres/postgres-store.js');
      return openPostgresStore(
        config.url,
        config.queueLeaseSeconds === undefined
          ? {}
          : { queueLeaseSeconds: config.queueLeaseSeconds },
      );
    }
  }
}
