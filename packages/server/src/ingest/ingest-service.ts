/**
 * The ingest endpoints, step by step. Cheap by design: authenticate (cached) before reading the
 * body, read and decompress it with caps and a shared memory budget, check the envelope's framing
 * and that its event is valid JSON (a scan that builds nothing), apply rate limits and quotas,
 * check the queue and disk have room, append the raw items to the durable queue (group commit)
 * with who sent them (the client's address and name, from the request), answer. No event JSON is
 * parsed into objects here; digest does that in a worker thread.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DbTimer } from '../ops/metrics.js';
import type { Store } from '../store/store.js';
import type { Project, ProjectKey } from '../store/types.js';
import { checkLimits } from './check-limits.js';
import { clientAddress } from './client-address.js';
import { clientAgent } from './client-agent.js';
import type { LimitsContext } from './check-limits.js';
import type { KeyLookup } from './authenticate.js';
import { BodyBudget } from './body-budget.js';
import { IngestError, ingestError, retryableIngestError } from './errors.js';
import type { OutcomeCounter } from './outcome-counter.js';
import { attachmentOutcomes, planEnvelope, planStoreBody } from './plan-envelope.js';
import type { IngestPlan, PayloadLimits } from './plan-envelope.js';
import { storeBodyJson } from './legacy-store-body.js';
import type { AdmissionLimits, QueueAdmission } from './queue-admission.js';
import type { QueueWriter } from './queue-writer.js';
import { parseEnvelopeOrThrow, readAuthorizedBody, releaseBody } from './read-authorized-body.js';
import type { BodyContext } from './read-authorized-body.js';
import { DEFAULT_BODY_LIMITS } from './read-body.js';
import type { BodyLimits } from './read-body.js';
import { sendIngestError, sendInternalError, sendJson } from './respond.js';
import { TtlCache } from './ttl-cache.js';

export interface IngestLimits extends PayloadLimits, AdmissionLimits, BodyLimits {
  /**
   * Attachment bytes each project may add per hour (Sentry's `attachment` category), every
   * node together: beyond it attachments are refused (429), or dropped from an event that is
   * stored without them. Bounds the disk an attacker holding a DSN can fill.
   */
  attachmentBytesPerProjectHour: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  ...DEFAULT_BODY_LIMITS,
  maxEventBytes: 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxJsonDepth: 256,
  // Relay bounds sessions per envelope at 100 and attachments by combined size (50 MiB); an
  // SDK's envelope holds an event, its attachments and a few sessions or reports.
  maxEnvelopeItems: 500,
  maxAttachmentsPerEnvelope: 100,
  maxQueueDepth: 1_000_000,
  attachmentBytesPerProjectHour: 512 * 1024 * 1024,
  // ≈ 75,000 typical events; the queue's own disk use, WAL included, stays near this.
  maxQueueBytes: 1024 ** 3,
};

export type IngestEndpoint = 'envelope' | 'store';

export interface IngestDependencies {
  store: Store;
  queue: QueueWriter;
  outcomes: OutcomeCounter;
  limits: IngestLimits;
  /** Whether the queue and the disk have room (queue-admission.ts). */
  admission: QueueAdmission;
  onInternalError: (error: unknown) => void;
  /** Each refusal (4xx, 429, 503), for the log. */
  onRefused?: (error: IngestError) => void;
  /** Times ingest's own database calls: project and key lookups that miss the cache. */
  timeDb: DbTimer;
  /**
   * How many proxies in front of the server append to X-Forwarded-For (`--trust-proxy`); 0:
   * the client's address is the socket's (client-address.ts).
   */
  trustedProxies?: number;
}

// Also how long a project's changed settings (allowedOrigins, quota) take to reach ingest.
const LOOKUP_TTL_MS = 5000;
const LOOKUP_MAX_ENTRIES = 10_000;

export class IngestService {
  readonly #deps: IngestDependencies;
  readonly #projects = new TtlCache<Project | undefined>(LOOKUP_TTL_MS, LOOKUP_MAX_ENTRIES);
  readonly #keys = new TtlCache<ProjectKey | undefined>(LOOKUP_TTL_MS, LOOKUP_MAX_ENTRIES);
  readonly #lookup: KeyLookup;
  readonly #limitsContext: LimitsContext;
  readonly #bodies: BodyContext;
  #closing = false;

  constructor(deps: IngestDependencies) {
    this.#deps = deps;
    this.#lookup = {
      project: (id) =>
        this.#projects.get(String(id), () =>
          this.#fromStorage(() => deps.timeDb('auth_lookup', () => deps.store.getProject(id))),
        ),
      key: (publicKey) =>
        this.#keys.get(publicKey, () =>
          this.#fromStorage(() => deps.timeDb('auth_lookup', () => deps.store.getKey(publicKey))),
        ),
    };
    this.#limitsContext = {
      store: deps.store,
      outcomes: deps.outcomes,
      attachmentBytesPerProjectHour: deps.limits.attachmentBytesPerProjectHour,
      fromStorage: (read) => this.#fromStorage(read),
    };
    this.#bodies = {
      lookup: this.#lookup,
      limits: deps.limits,
      budget: new BodyBudget(deps.limits.maxInflightBodyBytes),
    };
  }

  /**
   * A lookup the database could not answer (PostgreSQL restarting, a full disk) is the server's
   * trouble, not the client's: 503 with Retry-After, so SDKs keep the event and try again.
   */
  async #fromStorage<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      this.#deps.onInternalError(error);
      throw retryableIngestError('storage_unavailable', 5, undefined);
    }
  }

  /** From now on answer 503, so clients retry elsewhere or later. */
  stopAccepting(): void {
    this.#closing = true;
  }

  /** Forget cached projects and keys (after they change). */
  invalidateCaches(): void {
    this.#projects.clear();
    this.#keys.clear();
  }

  async handle(
    request: IncomingMessage,
    response: ServerResponse,
    endpoint: IngestEndpoint,
    projectIdText: string,
    query: URLSearchParams,
  ): Promise<void> {
    try {
      const result = await this.#accept(request, endpoint, projectIdText, query);
      // A 200 may still say what was limited: an event stored without its attachments.
      const headers: Record<string, string> =
        result.rateLimits === undefined ? {} : { 'x-sentry-rate-limits': result.rateLimits };
      sendJson(response, 200, result.eventId === undefined ? {} : { id: result.eventId }, headers);
    } catch (error) {
      if (error instanceof IngestError) {
        this.#deps.onRefused?.(error);
        sendIngestError(response, error, request);
      } else {
        this.#deps.onInternalError(error);
        sendInternalError(response, request);
      }
    } finally {
      releaseBody(request);
    }
  }

  async #accept(
    request: IncomingMessage,
    endpoint: IngestEndpoint,
    projectIdText: string,
    query: URLSearchParams,
  ): Promise<{ eventId: string | undefined; rateLimits: string | undefined }> {
    if (this.#closing) throw ingestError('shutting_down');
    if (!/^\d{1,15}$/.test(projectIdText))
      throw ingestError('project_id_invalid', projectIdText.slice(0, 64));
    const projectId = Number(projectIdText);
    const { limits } = this.#deps;

    // Strangers are refused before their body is read (read-authorized-body.ts).
    const { auth, client, body } = await readAuthorizedBody(
      request,
      endpoint,
      projectId,
      query,
      this.#bodies,
    );
    let plan: IngestPlan;
    if (endpoint === 'store') {
      if (body.length === 0) throw ingestError('body_empty');
      plan = planStoreBody(storeBodyJson(body, limits.maxEventBytes), limits);
    } else {
      plan = planEnvelope(body, parseEnvelopeOrThrow(body, limits.maxEnvelopeItems), limits);
    }

    let rateLimits: string | undefined;
    if (plan.queued !== undefined) {
      const admitted = await checkLimits(this.#limitsContext, auth.project, auth.key, plan);
      rateLimits = admitted.rateLimits;
      plan = admitted;
    }
    if (plan.queued !== undefined) {
      const refusal = this.#deps.admission.refusal();
      if (refusal !== undefined) {
        throw retryableIngestError(refusal.code, refusal.retryAfterSeconds, undefined);
      }
      try {
        await this.#deps.queue.enqueue({
          projectId,
          eventId: plan.eventId!,
          kind: plan.queued.kind,
          receivedAt: Date.now() / 1000,
          envelope: plan.queued.envelope,
          // From the request, never from the envelope: the client cannot choose them.
          clientIp: clientAddress(request, this.#deps.trustedProxies ?? 0),
          clientAgent: clientAgent(request, client),
        });
      } catch (error) {
        this.#deps.onInternalError(error);
        throw retryableIngestError('storage_unavailable', 5, undefined);
      }
      this.#countAccepted(projectId, plan);
    }
    for (const outcome of plan.outcomes) this.#deps.outcomes.add(projectId, outcome);
    return { eventId: plan.eventId, rateLimits };
  }

  #countAccepted(projectId: number, plan: IngestPlan): void {
    const { outcomes } = this.#deps;
    if (plan.hasEvent) {
      outcomes.add(projectId, { category: 'error', outcome: 'accepted', reason: '', quantity: 1 });
    }
    for (const outcome of attachmentOutcomes('accepted', '', plan.attachments))
      outcomes.add(projectId, outcome);
  }
}
