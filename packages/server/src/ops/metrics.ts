/**
 * Prometheus metrics at /metrics (prom-client: the standard client, with the text format and
 * process metrics done right). Each server has its own registry, so several servers in one
 * process (the test suite) never mix their counts.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DigestTimings } from '../digest/messages.js';

/** The database calls faultline_db_seconds times: a fixed list, so its label stays small. */
const DB_OPERATIONS = ['enqueue', 'claim_batch', 'persist_batch', 'auth_lookup'] as const;

export type DbOperation = (typeof DB_OPERATIONS)[number];

/** Runs one database call and records how long it took, whether it succeeded or not. */
export type DbTimer = <T>(operation: DbOperation, call: () => Promise<T>) => Promise<T>;

export interface QueueGauges {
  depth(): number;
  oldestAgeSeconds(): Promise<number>;
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly ingestRequests = new Counter({
    name: 'faultline_ingest_requests_total',
    help: 'Ingest requests answered, by HTTP status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly eventsAccepted = new Counter({
    name: 'faultline_events_accepted_total',
    help: 'Envelopes acknowledged (durably queued)',
    registers: [this.registry],
  });
  readonly eventsDigested = new Counter({
    name: 'faultline_events_digested_total',
    help: 'Queued envelopes digested and stored by this node',
    registers: [this.registry],
  });
  readonly apiRequests = new Histogram({
    name: 'faultline_api_request_seconds',
    help: 'REST API requests by route and status, with how long they took (including database time)',
    labelNames: ['route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly digestBatches = new Histogram({
    name: 'faultline_digest_batch_seconds',
    help: 'Time to digest one batch, from the digest worker having claimed it to its being persisted',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly eventLatency = new Histogram({
    name: 'faultline_event_latency_seconds',
    help: 'From ingest acknowledging an event (received_at) to its being stored and visible',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });
  readonly dbCalls = new Histogram({
    name: 'faultline_db_seconds',
    help: 'Database calls by operation (enqueue: one group commit to the queue; auth_lookup: a project or key not in the ingest cache)',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(queue: QueueGauges) {
    collectDefaultMetrics({ register: this.registry, prefix: 'faultline_' });
    // Every operation's series from the start, so a dashboard sees 0 rather than no data.
    for (const operation of DB_OPERATIONS) this.dbCalls.zero({ operation });
    new Gauge({
      name: 'faultline_queue_depth',
      help: 'Envelopes acknowledged and not yet digested',
      registers: [this.registry],
      collect() {
        this.set(queue.depth());
      },
    });
    new Gauge({
      name: 'faultline_queue_oldest_age_seconds',
      help: 'How long the oldest undigested envelope has waited (0 when the queue is empty)',
      registers: [this.registry],
      async collect() {
        this.set(await queue.oldestAgeSeconds());
      },
    });
  }

  /** A field, not a method, so it can be handed on unbound. */
  readonly timeDb: DbTimer = async (operation, call) => {
    const stop = this.dbCalls.startTimer({ operation });
    try {
      return await call();
    } finally {
      stop();
    }
  };

  /** The digest worker's measurements of one persisted batch (it has no registry of its own). */
  recordDigest(timings: DigestTimings): void {
    this.dbCalls.observe({ operation: 'claim_batch' }, timings.claimSeconds);
    this.dbCalls.observe({ operation: 'persist_batch' }, timings.persistSeconds);
    this.digestBatches.observe(timings.batchSeconds);
    for (const seconds of timings.eventLatencySeconds) this.eventLatency.observe(seconds);
  }
}
