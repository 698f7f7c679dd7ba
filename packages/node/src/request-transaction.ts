/**
 * The transaction of an event that happens inside a request without a middleware naming it: an
 * unhandled rejection from a promise the handler forgot to await, a `captureException` in the
 * handler. It is the route (`GET /orders/:id/ship`), asked of the framework when the event
 * happens, since routing ends after the request began; else the method and path without its
 * query, the name @sentry/node gives a request before its route is known (`GET /orders/8/ship`).
 */
import type { IncomingMessage } from 'node:http';

/** The route name of a request, or undefined while it is not routed. */
export type RouteReader = () => string | undefined;
/** Where a framework keeps the route on Node's own request object (Express's `req.route`). */
export type RequestRouteReader = (req: IncomingMessage) => string | undefined;

const readers = new WeakMap<IncomingMessage, RouteReader>();
const requestReaders = new Set<RequestRouteReader>();

/** For adapters that see each request before its handler (Koa's and Hono's middlewares). */
export function setRouteReader(req: IncomingMessage, reader: RouteReader): void {
  readers.set(req, reader);
}

/** For adapters that see requests only when they fail (Express's error middleware). */
export function addRequestRouteReader(reader: RequestRouteReader): void {
  requestReaders.add(reader);
}

export function transactionForRequest(req: IncomingMessage): string {
  const route = readers.get(req)?.();
  if (route !== undefined) return route;
  for (const reader of requestReaders) {
    const name = reader(req);
    if (name !== undefined) return name;
  }
  // Express rewrites req.url inside routers; originalUrl is what the client asked for.
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const end = url.search(/[?#]/);
  return `${req.method ?? 'GET'} ${end < 0 ? url : url.slice(0, end)}`;
}
