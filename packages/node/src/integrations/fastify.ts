/**
 * Fastify 4 and 5: an `onError` hook on the root instance, so it reaches every route and plugin,
 * registered before or after it (add it before `listen`). Fastify runs `onError` hooks just
 * before the error handler (lib/reply.js `onErrorHook`, in both majors; Fastify 4's docs say
 * "after", its code does not), so the app's own `setErrorHandler` pages stay as they are and can
 * already show the reference id: `reply.faultlineEventId`, or `reply.raw.faultlineEventId`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setRouteReader } from '../request-transaction.js';
import { captureRequestError } from './capture-request-error.js';
import type { ErrorHandlerOptions, ResponseWithEventId } from './capture-request-error.js';

// Structural, so the SDK needs neither fastify nor its types.
interface FastifyRequest {
  raw: IncomingMessage;
  method: string;
  routeOptions?: { url?: unknown };
  routerPath?: unknown;
}
interface FastifyReply extends ResponseWithEventId {
  raw: ServerResponse;
}
// Callback style: the one hook shape both majors accept without wrapping it in a promise.
type FastifyOnErrorHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  done: () => void,
) => void;
type FastifyOnRequestHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: () => void,
) => void;

export function fastifyErrorHandler(options: ErrorHandlerOptions = {}): FastifyOnErrorHook {
  return function faultlineFastifyOnError(request, reply, error, done) {
    const transaction = routeName(request);
    const eventId = captureRequestError(
      error,
      'fastify',
      request.raw,
      reply.raw,
      options,
      transaction,
    );
    if (eventId !== undefined) reply.faultlineEventId = eventId;
    done();
  };
}

export function setupFastifyErrorHandler(
  app: {
    addHook(name: 'onError', hook: FastifyOnErrorHook): unknown;
    addHook(name: 'onRequest', hook: FastifyOnRequestHook): unknown;
  },
  options: ErrorHandlerOptions = {},
): void {
  app.addHook('onError', fastifyErrorHandler(options));
  // Routed before onRequest runs: what fails outside onError (a rejection the handler forgot to
  // await) is named by its route too.
  app.addHook('onRequest', function faultlineFastifyOnRequest(request, reply, done) {
    setRouteReader(request.raw, function readFastifyRoute() {
      return routeName(request);
    });
    done();
  });
}

// `GET /checkout/:id`, prefixes included. Older 4.x only have `routerPath`, which newer 4.x warn
// about (FSTDEP017) when it is read, so it is read only where `routeOptions` is missing.
function routeName(request: FastifyRequest): string | undefined {
  const url = request.routeOptions !== undefined ? request.routeOptions.url : request.routerPath;
  return typeof url === 'string' ? `${request.method} ${url}` : undefined;
}
