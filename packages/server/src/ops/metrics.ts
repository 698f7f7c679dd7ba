/**
 * Prometheus metrics at /metrics (prom-client: the standard client, with the text format and
 * process metrics done right). Each server has its own registry, so several servers in one
 * process (the test suite) never mix their counts.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  constructor(queue: QueueGauges) {
    collectDefaultMetrics({ register: this.registry, prefix: 'faultline_' });
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
}
