/**
 * Koa: a middleware, added after the middleware that renders the app's error page (if any) and
 * before the routes. It reports what the routes throw and rethrows it, so the error page and
 * Koa's own answer stay as they were, and the page can already show the reference id:
 * `ctx.state.faultlineEventId`, or `ctx.res.faultlineEventId`.
 *
 * Road not taken: an `app.on('error')` listener also hears errors thrown above the middleware,
 * but Koa installs its default stderr logger only when the app has no listener of its own, so
 * adding one would silence the app's error log; and it fires after the answer is built.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setRouteReader } from '../request-transaction.js';
import { captureRequestError, statusForError } from './capture-request-error.js';
import type { ErrorHandlerOptions, ResponseWithEventId } from './capture-request-error.js';

// Structural, so the SDK needs neither koa nor its types.
interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  state: ResponseWithEventId;
  /** Set by @koa/router to the matched layer's path. */
  _matchedRoute?: unknown;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<void>;

export function koaErrorHandler(options: ErrorHandlerOptions = {}): KoaMiddleware {
  return async function faultlineKoaErrorHandler(ctx, next) {
    setRouteReader(ctx.req, function readKoaRoute() {
      return routeName(ctx);
    });
    try {
      await next();
    } catch (error) {
      // Koa answers an error with the error's own status or 500, never the response's (which
      // Koa starts at 404), so the response is left out of the rule.
      const status = statusForError(error);
      const transaction = routeName(ctx);
      const eventId = captureRequestError(
        error,
        'koa',
        ctx.req,
        ctx.res,
        options,
        transaction,
        status,
      );
      if (eventId !== undefined) ctx.state.faultlineEventId = eventId;
      throw error;
    }
  };
}

export function setupKoaErrorHandler(
  app: { use: (middleware: KoaMiddleware) => unknown },
  options: ErrorHandlerOptions = {},
): void {
  app.use(koaErrorHandler(options));
}

// `GET /checkout/:id`, router prefixes included; a RegExp route has no pattern to show.
function routeName(ctx: KoaContext): string | undefined {
  const route = ctx._matchedRoute;
  return typeof route === 'string' ? `${ctx.method} ${route}` : undefined;
}
