import { DataDirError, openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { CliError } from './io.js';

/** Opens the data directory for reading; works while a server is writing to it (WAL). */
export function openForReading(dataDir: string): Store {
  try {
    return openSqliteStore(dataDir, { readonly: true });
  } catch (error) {
    if (error instanceof DataDirError) throw new CliError(error.message, 1);
    throw error;
  }
}
