/**
 * Each node's housekeeping, hourly: ready the storage for the coming time (PostgreSQL's weekly
 * event partitions), apply retention (each project's own, or the server's default), forget the
 * browser sessions past their expiry, prune the alert log, bring back the issues whose ignore
 * ran out, remove attachments whose event never came and outcome counts past retention.
 * Several nodes may run it at once; the store makes that safe. A failed pass (the database
 * briefly away) is logged and tried again next hour.
 */
import { deleteExpiredSessions } from './accounts/sessions.js';
import { pruneAlertLog } from './alerts/prune.js';
import { wakeExpiredIgnores } from './store/expired-ignores.js';
import { deleteOrphanAttachments } from './store/orphan-attachments.js';
import { deleteOutcomesBefore } from './store/outcome-retention.js';
import { planRetention } from './store/retention-policy.js';
import type { Store } from './store/store.js';
import type { RetentionResult } from './store/retention.js';

export const DEFAULT_RETENTION_DAYS = 90;
const HOUR_MS = 3600 * 1000;

export interface MaintenanceOptions {
  /** Days events are kept in projects without a retention of their own. */
  defaultRetentionDays: number;
  onRetention(result: MaintenanceResult): void;
  onProblem(error: unknown): void;
}

/** What one pass removed. */
export interface MaintenanceResult extends RetentionResult {
  /** Browser sessions past their expiry. */
  sessions: number;
  /** Delivered or failed alert notifications older than the default retention. */
  notifications: number;
  /** Issues whose ignore for a while ran out with no event to wake them. */
  woken: number;
  /** Attachments whose event never came (store/orphan-attachments.ts). */
  orphanAttachments: number;
  /** Outcome rows of hours older than the longest retention. */
  outcomes: number;
}

export interface Maintenance {
  stop(): Promise<void>;
}

/** One pass at `now` (Unix seconds). */
export async function runMaintenancePass(
  store: Store,
  defaultRetentionDays: number,
  now: number,
): Promise<MaintenanceResult> {
  await store.prepareStorage(now);
  const retention = await store.applyRetention({ now, defaultRetentionDays });
  const sessions = await deleteExpiredSessions(store.sql, now);
  const notifications = await pruneAlertLog(store.sql, now - defaultRetentionDays * 86_400);
  const woken = await wakeExpiredIgnores(store.sql, now);
  const { oldestReceivedAt } = await store.queueStats();
  const orphanAttachments = await deleteOrphanAttachments(store.sql, now, oldestReceivedAt);
  const { everyProjectCutoff } = planRetention(await store.listProjects(), {
    now,
    defaultRetentionDays,
  });
  const outcomes = await deleteOutcomesBefore(store.sql, everyProjectCutoff);
  return { ...retention, sessions, notifications, woken, orphanAttachments, outcomes };
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
      const result = await runMaintenancePass(
        store,
        options.defaultRetentionDays,
        Date.now() / 1000,
      );
      if (Object.values(result).some((removed) => removed > 0)) options.onRetention(result);
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
