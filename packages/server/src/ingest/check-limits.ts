/**
 * What a request may still send: the key's rate limit, then the project's quota, for its event;
 * then the project's attachment allowance, in bytes (Sentry's `attachment` category). Counted in
 * the store (store.takeRateLimit), so every node on one PostgreSQL database shares the counts.
 *
 * Attachments sent alone take no unit of the event limits, but are refused while either is used
 * up: else an envelope of attachments alone would be the way around every limit. An event whose
 * attachments are over the allowance is stored without them; attachments alone get a 429.
 */
import { formatRateLimits } from '@faultline/protocol';
import type { Store } from '../store/store.js';
import type { Project, ProjectKey } from '../store/types.js';
import { retryableIngestError } from './errors.js';
import type { OutcomeCounter } from './outcome-counter.js';
import { attachmentOutcomes } from './plan-envelope.js';
import type { IngestPlan } from './plan-envelope.js';

export interface LimitsContext {
  store: Store;
  outcomes: OutcomeCounter;
  attachmentBytesPerProjectHour: number;
  /** Runs a store call; an unavailable store becomes a 503 (ingest-service.ts). */
  fromStorage<T>(read: () => Promise<T>): Promise<T>;
}

/** The plan to queue, and the X-Sentry-Rate-Limits of a 200 that dropped attachments. */
export type AdmittedPlan = IngestPlan & { rateLimits?: string };

// While a key or project may send no more events, their attachments are refused too.
const EVENT_CATEGORIES = ['error', 'default', 'security', 'attachment'];
const ATTACHMENT_CATEGORIES = ['attachment'];
const HOUR_SECONDS = 3600;

/** Throws the 429 (IngestError) of a limit that is used up. */
export async function checkLimits(
  context: LimitsContext,
  project: Project,
  key: ProjectKey,
  plan: IngestPlan,
): Promise<AdmittedPlan> {
  // Most keys and projects have neither: no await on ingest's hot path for them.
  if (key.rateLimit !== undefined || project.quota !== undefined)
    await takeEventUnits(context, project, key, plan);
  const { bytes } = plan.attachments;
  if (bytes === 0) return plan;
  const { store, fromStorage } = context;
  const allowance = { count: context.attachmentBytesPerProjectHour, windowSeconds: HOUR_SECONDS };
  const counter = `attachments:project:${project.id}`;
  const decision = await fromStorage(() => store.takeRateLimit(counter, allowance, bytes));
  if (decision.allowed) return plan;

  const retryAfter = decision.retryAfterSeconds;
  const reasonCode = 'attachment_quota';
  for (const outcome of attachmentOutcomes('rate_limited', reasonCode, plan.attachments))
    context.outcomes.add(project.id, outcome);
  const rateLimits = formatRateLimits([
    {
      retryAfterSeconds: retryAfter,
      categories: ATTACHMENT_CATEGORIES,
      scope: 'project',
      reasonCode,
    },
  ]);
  if (plan.withoutAttachments === undefined) {
    throw retryableIngestError(
      'attachment_quota_exceeded',
      retryAfter,
      rateLimits,
      allowance.count,
      retryAfter,
    );
  }
  return {
    ...plan,
    attachments: { count: 0, bytes: 0 },
    queued: { kind: 'event', envelope: plan.withoutAttachments() },
    rateLimits,
  };
}

/**
 * One unit of the key's limit and of the project's quota for the event; a refusal by the quota
 * gives the key's back. Attachments alone take a unit and give it back: was there room?
 */
async function takeEventUnits(
  context: LimitsContext,
  project: Project,
  key: ProjectKey,
  plan: IngestPlan,
): Promise<void> {
  const { store, fromStorage } = context;
  const limits = [
    { scope: 'key', counter: `key:${key.publicKey}`, limit: key.rateLimit },
    { scope: 'project', counter: `project:${project.id}`, limit: project.quota },
  ] as const;
  const taken: string[] = [];
  const giveBack = () =>
    Promise.all(taken.map((counter) => fromStorage(() => store.returnRateLimit(counter, 1))));
  for (const { scope, counter, limit } of limits) {
    if (limit === undefined) continue;
    const decision = await fromStorage(() => store.takeRateLimit(counter, limit, 1));
    if (!decision.allowed) {
      await giveBack();
      refuseRateLimited(context, project.id, plan, scope, decision.retryAfterSeconds);
    }
    taken.push(counter);
  }
  if (!plan.hasEvent) await giveBack();
}

function refuseRateLimited(
  context: LimitsContext,
  projectId: number,
  plan: IngestPlan,
  scope: 'key' | 'project',
  retryAfter: number,
): never {
  const reasonCode = scope === 'key' ? 'key_rate_limit' : 'project_quota';
  if (plan.hasEvent) {
    context.outcomes.add(projectId, {
      category: 'error',
      outcome: 'rate_limited',
      reason: reasonCode,
      quantity: 1,
    });
  }
  for (const outcome of attachmentOutcomes('rate_limited', reasonCode, plan.attachments))
    context.outcomes.add(projectId, outcome);
  const rateLimits = formatRateLimits([
    { retryAfterSeconds: retryAfter, categories: EVENT_CATEGORIES, scope, reasonCode },
  ]);
  throw retryableIngestError('rate_limited', retryAfter, rateLimits, scope, retryAfter);
}
