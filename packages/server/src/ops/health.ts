/**
 * /healthz: the process answers. /readyz: it can do its job: storage answers within a few
 * seconds and the queue is moving (its oldest envelope has not waited longer than
 * STUCK_AFTER_SECONDS). A load balancer stops sending to a node that is not ready.
 */
import type { Store } from '../store/store.js';

const STORAGE_TIMEOUT_MS = 3000;
export const STUCK_AFTER_SECONDS = 300;

export interface Readiness {
  ready: boolean;
  checks: { storage: string; queue: string };
}

export async function checkReadiness(store: Store, now = Date.now() / 1000): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${STORAGE_TIMEOUT_MS} ms`)),
      STORAGE_TIMEOUT_MS,
    );
  });
  try {
    const stats = await Promise.race([store.queueStats(), timeout]);
    const waited = stats.oldestReceivedAt === undefined ? 0 : now - stats.oldestReceivedAt;
    const stuck = waited > STUCK_AFTER_SECONDS;
    return {
      ready: !stuck,
      checks: {
        storage: 'ok',
        queue: stuck
          ? `stuck: oldest envelope waited ${Math.round(waited)} s`
          : `ok (${stats.depth} waiting)`,
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      checks: { storage: `unavailable: ${reason.slice(0, 200)}`, queue: 'unknown' },
    };
  } finally {
    clearTimeout(timer);
  }
}
