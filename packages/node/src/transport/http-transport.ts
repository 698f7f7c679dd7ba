/**
 * The default transport: envelopes POSTed over keep-alive HTTP(S) from a bounded queue.
 *
 * It must never hurt the app: `send` only filters and queues; the network work happens in a few
 * background deliveries; a full queue drops (and counts) instead of growing; a down server costs
 * a few retries with backoff, then the envelope is given up on and counted. Rate limits from the
 * server (`X-Sentry-Rate-Limits`, or a 429's `Retry-After`) stop sending only the categories
 * they name, until they expire.
 */
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  dataCategoryForItemType,
  envelopeEndpoint,
  formatAuthHeader,
  isRateLimited,
  serializeEnvelope,
  updateRateLimitState,
} from '@faultline/protocol';
import type { Envelope, RateLimitState } from '@faultline/protocol';
import { DiscardCounter } from './discard-counter.js';
import { postEnvelope } from './post-envelope.js';
import type { Transport, TransportOptions } from './transport.js';

const gzipAsync = promisify(gzip);
const encoder = new TextEncoder();

export interface HttpTransportOptions extends TransportOptions {
  /** Envelopes queued or in flight before new ones are dropped; default 64. */
  maxQueueSize?: number;
  /** Deliveries at once (and sockets); default 2. */
  concurrency?: number;
  /** Retries after a network error or a 5xx; default 3. */
  maxRetries?: number;
  /** The first retry's delay, doubled for each next one; default 1000 ms. */
  retryDelayMs?: number;
  /** Bodies larger than this are gzipped; default 32 KiB, as @sentry/node does. */
  gzipThresholdBytes?: number;
  /** Per request; default 10 s. */
  requestTimeoutMs?: number;
}

export function makeHttpTransport(options: HttpTransportOptions): HttpTransport {
  return new HttpTransport(options);
}

export class HttpTransport implements Transport {
  private readonly queue: Envelope[] = [];
  private inFlight = 0;
  private rateLimits: RateLimitState = {};
  private readonly discards = new DiscardCounter();
  private idleWaiters: Array<() => void> = [];
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string>;
  private readonly maxQueueSize: number;
  private readonly concurrency: number;
  private readonly maxRetries: number;
  private readonly retryDelayMs: number;
  private readonly gzipThresholdBytes: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    this.url = new URL(envelopeEndpoint(options.dsn));
    this.maxQueueSize = options.maxQueueSize ?? 64;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxRetries = options.maxRetries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.gzipThresholdBytes = options.gzipThresholdBytes ?? 32 * 1024;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: this.concurrency });
    const client = `${options.sdkName}/${options.sdkVersion}`;
    this.headers = {
      'content-type': 'application/x-sentry-envelope',
      'user-agent': client,
      'x-sentry-auth': formatAuthHeader({
        sentryVersion: '7',
        sentryClient: client,
        sentryKey: options.dsn.publicKey,
      }),
    };
  }

  send(envelope: Envelope): void {
    try {
      const now = Date.now();
      const items = envelope.items.filter((item) => {
        const category = dataCategoryForItemType(item.headers.type);
        if (!isRateLimited(this.rateLimits, category, now)) return true;
        this.discards.record('ratelimit_backoff', category);
        return false;
      });
      if (items.length === 0) return;
      if (this.queue.length + this.inFlight >= this.maxQueueSize) {
        this.recordAll('queue_overflow', { headers: envelope.headers, items });
        this.options.log('queue full: an envelope was dropped');
        return;
      }
      this.queue.push({ headers: envelope.headers, items });
      this.pump();
    } catch (error) {
      this.options.log(`could not queue an envelope: ${String(error)}`);
    }
  }

  recordDiscard(reason: string, category: string): void {
    this.discards.record(reason, category);
  }

  hasPending(): boolean {
    return this.queue.length > 0 || this.inFlight > 0;
  }

  /** Envelopes queued and in flight, for tests and debugging. */
  get pendingCount(): number {
    return this.queue.length + this.inFlight;
  }

  flush(timeoutMs: number): Promise<boolean> {
    // Drops counted since the last envelope would otherwise wait for the next error to ride on.
    if (!this.discards.isEmpty() && !this.hasPending()) {
      this.queue.push({ headers: { sent_at: new Date().toISOString() }, items: [] });
      this.pump();
    }
    if (!this.hasPending()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.push(done);
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const envelope = this.queue.shift()!;
      this.inFlight += 1;
      this.deliver(envelope)
        .catch((error: unknown) => this.options.log(`delivery failed: ${String(error)}`))
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
          if (!this.hasPending()) this.notifyIdle();
        });
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private async deliver(queued: Envelope): Promise<void> {
    const envelope = this.withClientReport(queued);
    if (envelope.items.length === 0) return;
    const raw = serializeEnvelope(envelope);
    const headers = { ...this.headers };
    let body = raw;
    if (raw.byteLength > this.gzipThresholdBytes) {
      body = await gzipAsync(raw);
      headers['content-encoding'] = 'gzip';
    }
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) {
        await sleep(this.retryDelayMs * 2 ** (attempt - 1));
        // A 503 may have come with rate limits: a retry must respect them.
        if (this.allRateLimited(envelope)) {
          this.recordAll('ratelimit_backoff', envelope);
          return;
        }
      }
      let status: number;
      try {
        const result = await postEnvelope({
          url: this.url,
          agent: this.agent,
          headers,
          body,
          timeoutMs: this.requestTimeoutMs,
        });
        this.rateLimits = updateRateLimitState(this.rateLimits, result, Date.now());
        status = result.status;
      } catch (error) {
        if (attempt < this.maxRetries) continue;
        this.options.log(`server unreachable, envelope dropped: ${String(error)}`);
        this.recordAll('network_error', envelope);
        return;
      }
      if (status === 429) {
        this.recordAll('ratelimit_backoff', envelope);
        return;
      }
      if (status >= 500 && attempt < this.maxRetries) continue;
      if (status >= 400) {
        this.options.log(`server answered ${status}, envelope dropped`);
        this.recordAll('send_error', envelope);
      }
      return;
    }
  }

  private withClientReport(envelope: Envelope): Envelope {
    if (this.discards.isEmpty() || isRateLimited(this.rateLimits, 'internal', Date.now())) {
      return envelope;
    }
    const report = this.discards.takeReport();
    if (report === undefined) return envelope;
    const payload = encoder.encode(JSON.stringify(report));
    return {
      headers: envelope.headers,
      items: [...envelope.items, { headers: { type: 'client_report' }, payload }],
    };
  }

  private allRateLimited(envelope: Envelope): boolean {
    const now = Date.now();
    return envelope.items.every((item) =>
      isRateLimited(this.rateLimits, dataCategoryForItemType(item.headers.type), now),
    );
  }

  // Client reports are not counted when lost: reporting the loss of a report would never end.
  private recordAll(reason: string, envelope: Envelope): void {
    for (const item of envelope.items) {
      if (item.headers.type === 'client_report') continue;
      this.discards.record(reason, dataCategoryForItemType(item.headers.type));
    }
  }
}

// Unref'd: a retry alone must not keep a finished app alive; flush() holds it open when asked.
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
