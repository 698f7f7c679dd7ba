/** Where a Store comes from: one config value, serializable so a worker thread can open its own. */
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export interface StoreConfig {
  kind: 'sqlite';
  dataDir: string;
  readonly?: boolean;
  /** Set by the thread that appends to the ingest queue (see sqlite-store.ts for what changes). */
  queueWriter?: boolean;
}

export function openStore(config: StoreConfig): Store {
  return openSqliteStore(config.dataDir, {
    readonly: config.readonly ?? false,
    queueWriter: config.queueWriter ?? false,
  });
}
