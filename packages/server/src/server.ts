/**
 * Faultline's server, and the path of an event through it:
 *
 *  1. Ingest (ingest/ingest-service.ts, main thread): `POST /api/:project/envelope/` or `/store/`.
 *     Authenticate the key (cached), read and decompress the body with caps, check the
 *     envelope's framing, apply rate limits, and append the raw items to the durable queue in a
 *     group commit (ingest/queue-writer.ts), written and fsynced by the queue thread
 *     (ingest/queue-thread.ts). Only then answer `200 {"id": …}`: an acknowledged event is never
 *     lost.
 *  2. Digest (digest/worker.ts, a worker thread): claim a batch from the queue, and per event
 *     parse → normalize → scrub → fingerprint → summarize (digest/pipeline.ts); persist the batch
 *     in one transaction that also marks its queue entries done (store/sqlite/persist-batch.ts).
 *  3. Read: the REST API under /api/0/ (api/handle-request.ts: one gate of authentication,
 *     scope, CSRF and validation in front of a table of routes, api/routes/) reads issues and
 *     events from the Store; the live stream fans out what store.watchChanges hears
 *     (api/live-hub.ts). The CLI's read commands use the Store directly. The web UI is static
 *     files (web/serve-ui.ts, built from packages/web) that read this same API in the browser.
 *
 * Storage is one Store interface (store/store.ts): SQLite in the data directory by default, or
 * PostgreSQL (`--database-url`), where several such servers share the queue and the data.
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { DigestThread } from './digest/digest-thread.js';
import { createHttpServer, DEFAULT_HTTP_LIMITS } from './http-limits.js';
import type { HttpLimits } from './http-limits.js';
import { DEFAULT_INGEST_LIMITS, IngestService } from './ingest/ingest-service.js';
import type { IngestLimits } from './ingest/ingest-service.js';
import { OutcomeCounter } from './ingest/outcome-counter.js';
import { QueueAdmission } from './ingest/queue-admission.js';
import { QueueThread } from './ingest/queue-thread.js';
import { QueueWriter } from './ingest/queue-writer.js';
import { sendIngestError, sendJson, sendPreflight } from './ingest/respond.js';
import { DEFAULT_RETENTION_DAYS, startMaintenance } from './maintenance.js';
import { ensureFirstAdmin } from './accounts/first-admin.js';
import type { FirstAdmin } from './accounts/first-admin.js';
import { createApiHandler } from './api/handle-request.js';
import { AlertService } from './alerts/alert-service.js';
import { deliver } from './alerts/channels/deliver.js';
import { DEFAULT_DELIVERY } from './alerts/delivery.js';
import type { AlertTiming } from './alerts/delivery.js';
import { LiveHub } from './api/live-hub.js';
import { RouteTable } from './api/route-table.js';
import { organizationFor } from './api/organization.js';
import { apiRoutes } from './api/routes/index.js';
import { checkReadiness } from './ops/health.js';
import { ServerMetrics } from './ops/metrics.js';
import { RateLimitedLog } from './ops/rate-limited-log.js';
import { newRequestId } from './ops/request-id.js';
import { routeRequest } from './router.js';
import { openStore } from './store/open-store.js';
import { baseUrlFor, dsnFor } from './server-urls.js';
import type { StoreConfig } from './store/open-store.js';
import type { ChangeWatch } from './store/types.js';
import { createUiHandler } from './web/serve-ui.js';

export interface ServerOptions {
  /** SQLite in a data directory, or PostgreSQL. */
  store: StoreConfig;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The URL SDKs reach this server at, for printed DSNs; defaults to http://host:port. */
  publicUrl?: string;
  limits?: Partial<IngestLimits>;
  /**
   * How many proxies in front of the server append the client's address to X-Forwarded-For
   * (`--trust-proxy`); 0 (default): the address is the connection's (ingest/client-address.ts).
   */
  trustProxy?: number;
  /** Timeouts and the connection cap of the HTTP server (http-limits.ts). */
  http?: Partial<HttpLimits>;
  /** Events are kept this many days after they arrived (default 90), unless a project says. */
  retentionDays?: number;
  /**
   * The slug of the one organization Sentry's API shows (sentry-cli's SENTRY_ORG); default
   * `faultline` (api/organization.ts).
   */
  organizationSlug?: string;
  /** The first admin, created on a database without users (the password is else generated). */
  admin?: { email?: string | undefined; password?: string | undefined };
  /** The built web UI (default: packages/web/dist beside this package). */
  uiDir?: string;
  /** Alert delivery's timing (storm window, retry backoff); the defaults suit production. */
  alerts?: Partial<AlertTiming>;
  /** How often the live stream sends a keepalive and re-checks its caller (default 15 s). */
  streamKeepaliveMs?: number;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  /** The DSN of the first project. */
  dsn: string;
  port: number;
  /** Set when this start created the first admin (with the password, if it was generated). */
  firstAdmin: FirstAdmin | undefined;
  /** Resolves when every acknowledged event that was queued has been digested. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'faultline' }, pino.destination(2));
  const storeConfig = options.store;
  const store = await openStore(storeConfig);
  // On an empty database: project 1 with a key, so `npm start` is ready for events.
  const firstProject = await store.ensureDefaultProject();
  const firstAdmin = await ensureFirstAdmin(store.sql, options.admin ?? {});
  const maintenance = await startMaintenance(store, {
    defaultRetentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
    onRetention: (result) =>
      logger.info({ result }, 'maintenance removed expired data or woke issues'),
    onProblem: (error) => logger.error({ err: error }, 'maintenance failed'),
  });

  const alerts = new AlertService({
    sql: store.sql,
    deliver,
    issueUrl: (issueId) => `${publicUrl}/issues/${issueId}/`,
    ...DEFAULT_DELIVERY,
    ...options.alerts,
    onProblem: (error) => logger.error({ err: error }, 'alerts failed'),
  });

  // Acknowledged but not yet digested; starts with whatever a previous run left in the queue.
  // The digest thread may report a batch before the queue thread's word that it was queued
  // reaches this thread, so this dips below zero for a moment; clamping it there would lose
  // the count, and idle() would wait forever.
  let backlog = (await store.queueStats()).depth;
  const undigested = () => Math.max(0, backlog);
  let idleWaiters: Array<() => void> = [];
  // Before the digest thread: a batch left queued by the last run may be digested at once.
  const metrics = new ServerMetrics({
    depth: undigested,
    async oldestAgeSeconds() {
      const oldest = (await store.queueStats()).oldestReceivedAt;
      return oldest === undefined ? 0 : Math.max(0, Date.now() / 1000 - oldest);
    },
  });
  // Set once the store is watched (below); a batch digested before that has no one to tell.
  let storeWatch: ChangeWatch | undefined;
  const digest = new DigestThread(storeConfig, {
    onDigested(count, timings) {
      metrics.eventsDigested.inc(count);
      metrics.recordDigest(timings);
      // New issues and regressions are in the batch's activity: alert on them now; and the live
      // stream need not wait for its next poll.
      alerts.wake();
      storeWatch?.look();
      backlog -= count;
      if (backlog <= 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    },
    onProblem(message) {
      logger.error(message);
    },
  });
  const queueThread = new QueueThread(storeConfig, (message) => logger.error(message));
  await queueThread.ready();
  // Room in the queue and on the disk, measured in the background; and every commit counted.
  const limits = { ...DEFAULT_INGEST_LIMITS, ...options.limits };
  const admission = new QueueAdmission(limits, {
    backlog: undigested,
    queueBytes: () => store.queueBytes(),
    dataDir: storeConfig.kind === 'sqlite' ? storeConfig.dataDir : undefined,
  });
  await admission.measure();
  const queue = new QueueWriter(
    (envelopes) =>
      admission.tracked(
        envelopes,
        metrics.timeDb('enqueue', () => queueThread.enqueue(envelopes)),
      ),
    (count) => {
      metrics.eventsAccepted.inc(count);
      backlog += count;
      digest.wake();
    },
  );
  const live = new LiveHub(options.streamKeepaliveMs);
  // Another node's ingest may queue what this node's digest worker is idle for (PostgreSQL);
  // whichever node stored an event, the live stream hears of it.
  const otherNodes = await store.watchChanges({
    queued: () => digest.wake(),
    events: (events) => live.publish(events),
  });
  storeWatch = otherNodes;
  const outcomes = new OutcomeCounter((records) => digest.sendOutcomes(records));
  // Refusals and failures come in floods (a client retrying, a full disk): a line per kind and
  // interval, with counts; a refusal's message may quote the request, so only its code is logged.
  const ingestLog = new RateLimitedLog(logger);
  const ingest = new IngestService({
    store,
    queue,
    outcomes,
    limits,
    admission,
    trustedProxies: options.trustProxy ?? 0,
    onInternalError: (error) =>
      ingestLog.log('error', errorKind(error), { err: error }, 'ingest failed'),
    // A 503 is the server's own trouble (busy, storage, shutdown), worth an operator's eye.
    onRefused: (error) =>
      ingestLog.log(
        error.status >= 500 ? 'warn' : 'info',
        error.code,
        { status: error.status },
        `ingest refused a request: ${error.code}`,
      ),
    timeDb: metrics.timeDb,
  });

  let publicUrl = options.publicUrl ?? '';
  const api = createApiHandler({
    table: new RouteTable(apiRoutes()),
    services: {
      store,
      live,
      get publicUrl() {
        return publicUrl;
      },
      organization: organizationFor(options.organizationSlug),
    },
    logger,
    metrics,
    // A key disabled or an origin list changed here holds at once on this node (others: 5 s).
    onWrite: () => ingest.invalidateCaches(),
  });

  const ui = createUiHandler(options.uiDir === undefined ? {} : { dir: options.uiDir });

  const httpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const server = createHttpServer(httpLimits, (request, response) => {
    const route = routeRequest(request.method ?? 'GET', request.url ?? '/');
    switch (route.kind) {
      case 'ingest':
        response.once('finish', () => metrics.ingestRequests.inc({ status: response.statusCode }));
        void ingest.handle(request, response, route.endpoint, route.projectId, route.query);
        return;
      case 'api':
        void api(request, response, new URL(request.url ?? '/', publicUrl), newRequestId(request));
        return;
      case 'ui':
        void ui(request, response, route.path);
        return;
      case 'ready':
        void checkReadiness(store, {
          ingestProblem: () => admission.problem(),
          digestProblem: () => digest.problem(),
        }).then((readiness) => sendJson(response, readiness.ready ? 200 : 503, readiness));
        return;
      case 'metrics':
        void metrics.registry.metrics().then(
          (text) => {
            response.writeHead(200, { 'content-type': metrics.registry.contentType });
            response.end(text);
          },
          (error: unknown) => {
            logger.error({ err: error }, 'collecting metrics failed');
            sendJson(response, 500, { status: 'metrics unavailable' });
          },
        );
        return;
      case 'preflight':
        sendPreflight(response);
        return;
      case 'health':
        sendJson(response, 200, { status: 'ok' });
        return;
      case 'error':
        sendIngestError(response, route.error);
        return;
    }
  });
  server.on('drop', () =>
    ingestLog.log(
      'warn',
      'connection_dropped',
      { maxConnections: httpLimits.maxConnections },
      'a connection over the cap was closed at once',
    ),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    // A port in use: stop the threads already started, or they keep the process alive.
    await maintenance.stop();
    await otherNodes.close();
    await queueThread.stop();
    await digest.stop();
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = options.publicUrl ?? baseUrlFor(options.host, port);
  publicUrl = url;
  alerts.start();
  const dsn = dsnFor(url, firstProject.key.publicKey, firstProject.project.id);

  let closing: Promise<void> | undefined;
  return {
    url,
    dsn,
    port,
    firstAdmin,
    idle: () =>
      backlog <= 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)),
    close() {
      closing ??= (async () => {
        ingest.stopAccepting();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await queue.drain();
        outcomes.close();
        // Give in-flight responses a moment, then cut keep-alive connections that linger.
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
        server.closeAllConnections();
        await closed;
        await maintenance.stop();
        await otherNodes.close();
        await queueThread.stop();
        await digest.stop();
        await alerts.stop();
        await store.close();
        ingestLog.flush();
      })();
      return closing;
    },
  };
}

/** What makes two failures the same for the log: their code, else their type and message. */
function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : `${error.name}: ${error.message.slice(0, 80)}`;
}
