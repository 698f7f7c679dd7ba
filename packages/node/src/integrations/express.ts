/**
 * Express 4 and 5: an error-handling middleware, added after the routes. It reports and passes
 * the error on, so the app's own error handlers and Express's answer stay as they were.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { captureRequestError } from './capture-request-error.js';
import type { ErrorHandlerOptions } from './capture-request-error.js';
import { addRequestRouteReader } from '../request-transaction.js';

// Structural, so the SDK needs neither express nor @types/express.
interface ExpressRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}
type ExpressErrorMiddleware = (
  error: unknown,
  req: ExpressRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export function expressErrorHandler(options: ErrorHandlerOptions = {}): ExpressErrorMiddleware {
  // Express keeps the matched route on the request itself, so what fails outside this middleware
  // (a rejection the handler forgot to await) is named by its route too.
  addRequestRouteReader(routeName);
  return function faultlineExpressErrorHandler(error, req, res, next) {
    captureRequestError(error, 'express', req, res, options, routeName(req));
    next(error);
  };
}

export function setupExpressErrorHandler(
  app: { use: (handler: ExpressErrorMiddleware) => unknown },
  options: ErrorHandlerOptions = {},
): void {
  app.use(expressErrorHandler(options));
}

// `GET /checkout/:id`, not the URL: one name per route keeps transactions groupable.
function routeName(req: ExpressRequest): string | undefined {
  const path = req.route?.path;
  if (typeof path !== 'string') return undefined;
  return `${req.method ?? 'GET'} ${req.baseUrl ?? ''}${path}`;
}
