import { openStore } from '../store/open-store.js';
import type { StoreConfig } from '../store/open-store.js';
import { DataDirError } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { CliError, describeStore } from './io.js';

/**
 * Opens the store a command reads (or, for `dsn`, bootstraps). SQLite read-only works while a
 * server is writing to it (WAL). A missing data dir or an unreachable database is a clear
 * message and exit code 1, not a stack trace.
 */
export async function openForCommand(config: StoreConfig): Promise<Store> {
  try {
    return await openStore(config);
  } catch (error) {
    if (error instanceof DataDirError) throw new CliError(error.message, 1);
    if (config.kind === 'postgres')
      throw new CliError(
        `cannot open the ${describeStore(config)}: ${(error as Error).message}`,
        1,
      );
    throw error;
  }
}
