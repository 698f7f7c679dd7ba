/**
 * Hono 4 on `@hono/node-server`: a middleware, added before the routes. Hono's compose catches a
 * handler's throw and hands it straight to the app's `onError`, writing `c.error` just before.
 * A middleware awaiting `next()` would hear of it only once the error page is built, and
 * `app.onError` would replace the app's own handler; so this one reports at that write. The
 * app's `onError` (and a mounted sub-app's) stays as it is and can already show the reference
 * id: `c.get('faultlineEventId')`, or `c.env.outgoing.faultlineEventId`. What Hono rethrows
 * instead (a thrown non-Error) is reported as it passes the middleware.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setRouteReader } from '../request-transaction.js';
import { captureRequestError } from './capture-request-error.js';
import type { ErrorHandlerOptions } from './capture-request-error.js';

// Structural, so the SDK needs no hono.
interface HonoContext {
  req: { method: string; routePath?: unknown };
  env: unknown;
  set: (key: 'faultlineEventId', value: string) => void;
}
type HonoMiddleware = (c: HonoContext, next: () => Promise<void>) => Promise<void>;

/** What @hono/node-server passes as `c.env`. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

export function honoErrorHandler(options: ErrorHandlerOptions = {}): HonoMiddleware {
  return async function faultlineHonoErrorHandler(c, next) {
    const { incoming } = (c.env ?? {}) as NodeBindings;
    if (incoming !== undefined) {
      setRouteReader(incoming, function readHonoRoute() {
        return routeName(c);
      });
    }
    let caught: unknown;
    Object.defineProperty(c, 'error', {
      configurable: true,
      enumerable: true,
      get: function getCaughtError() {
        return caught;
      },
      set: function reportCaughtError(error: unknown) {
        if (error !== undefined && error !== caught) reportHonoError(error, c, options);
        caught = error;
      },
    });
    try {
      await next();
    } catch (error) {
      if (error !== caught) reportHonoError(error, c, options);
      throw error;
    }
  };
}

export function setupHonoErrorHandler(
  app: { use: (middleware: HonoMiddleware) => unknown },
  options: ErrorHandlerOptions = {},
): void {
  app.use(honoErrorHandler(options));
}

function reportHonoError(error: unknown, c: HonoContext, options: ErrorHandlerOptions): void {
  // Other runtimes (and `app.request()` in tests) have no node request to describe.
  const { incoming, outgoing } = (c.env ?? {}) as NodeBindings;
  if (incoming === undefined || outgoing === undefined) return;
  const eventId = captureRequestError(error, 'hono', incoming, outgoing, options, routeName(c));
  if (eventId !== undefined) c.set('faultlineEventId', eventId);
}

// `GET /checkout/:id` of the handler that threw. Hono 4 deprecates `c.req.routePath` for
// `routePath(c)` from hono/route, which the SDK cannot import; both read the same match.
function routeName(c: HonoContext): string | undefined {
  const path = c.req.routePath;
  return typeof path === 'string' ? `${c.req.method} ${path}` : undefined;
}
