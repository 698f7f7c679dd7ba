/**
 * /healthz: the process answers. /readyz: it can do its job, so a load balancer stops sending to
 * a node that is not ready: storage answers within a few seconds, ingest accepts events (the
 * queue and the disk have room, and its commits succeed), and digest makes progress (storage
 * does not fail it, and the queue's oldest envelope has not waited past STUCK_AFTER_SECONDS).
 */
import type { Store } from '../store/store.js';

const STORAGE_TIMEOUT_MS = 3000;
export const STUCK_AFTER_SECONDS = 300;

export interface Readiness {
  ready: boolean;
  checks: { storage: string; queue: string; ingest: string; digest: string };
}

/** What the rest of the server knows of its own trouble; each undefined when all is well. */
export interface ReadinessSources {
  /** Why ingest refuses events now (ingest/queue-admission.ts). */
  ingestProblem(): string | undefined;
  /** Why digest makes no progress now (digest/digest-thread.ts). */
  digestProblem(): string | undefined;
}

export async function checkReadiness(
  store: Store,
  sources: ReadinessSources,
  now = Date.now() / 1000,
): Promise<Readiness> {
  const ingestProblem = sources.ingestProblem();
  const digestProblem = sources.digestProblem();
  const ingest = ingestProblem ?? 'ok';
  const digest = digestProblem ?? 'ok';
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
      ready: !stuck && ingestProblem === undefined && digestProblem === undefined,
      checks: {
        storage: 'ok',
        queue: stuck
          ? `stuck: oldest envelope waited ${Math.round(waited)} s`
          : `ok (${stats.depth} waiting)`,
        ingest,
        digest,
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ready: false,
      checks: { storage: `unavailable: ${reason.slice(0, 200)}`, queue: 'unknown', ingest, digest },
    };
  } finally {
    clearTimeout(timer);
  }
}
