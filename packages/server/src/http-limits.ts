/**
 * The HTTP server's own defences against slow or numerous clients, which ingest's caps can't
 * give: a client that trickles its headers (slowloris) or its body holds a connection and its
 * buffers for as long as it likes unless the server puts a clock on it, and every connection
 * costs a file descriptor and memory.
 */
import http from 'node:http';

export interface HttpLimits {
  /** Time to receive a request's headers; a slowloris client is cut off after it (408). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (a 20 MiB upload on a slow link fits). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this; above load balancers' 60 s. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are closed as they are accepted. */
  maxConnections: number;
  /** How often the two timeouts above are checked (Node's default is 30 s). */
  timeoutCheckIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 10_000,
  timeoutCheckIntervalMs: 2_000,
};

export function createHttpServer(limits: HttpLimits, handle: http.RequestListener): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    handle,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
