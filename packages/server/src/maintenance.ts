/**
 * Each node's housekeeping, hourly: ready the storage for the coming time (PostgreSQL's weekly
 * event partitions), then apply retention. Several nodes may run it at once; the store makes
 * that safe. A failed pass (the database briefly away) is logged and tried again next hour.
 */
import type { Store } from './store/store.js';
import type { RetentionResult } from './store/retention.js';

export const DEFAULT_RETENTION_DAYS = 90;
const HOUR_MS = 3600 * 1000;

export interface MaintenanceOptions {
  retentionDays: number;
  onRetention(result: RetentionResult): void;
  onProblem(error: unknown): void;
}

export interface Maintenance {
  stop(): Promise<void>;
}

/** Resolves once storage is ready for now; retention then runs in the background. */
export async function startMaintenance(
  store: Store,
  options: MaintenanceOptions,
): Promise<Maintenance> {
  await store.prepareStorage(Date.now() / 1000);
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      const now = Date.now() / 1000;
      await store.prepareStorage(now);
      const result = await store.applyRetention(now - options.retentionDays * 24 * 3600);
      if (result.events + result.attachments + result.issues > 0) options.onRetention(result);
    } catch (error) {
      options.onProblem(error);
    }
  };
  const runPass = () => {
    running = running.then(pass);
  };
  // Not at once: a server starting should answer its first requests before it cleans up.
  const first = setTimeout(runPass, 60_000);
  const timer = setInterval(runPass, HOUR_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
