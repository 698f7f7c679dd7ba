/**
 * Plain `node:http`: wraps a request listener. A throw or a rejected promise from the listener is
 * reported under the 5xx rule and answered with its status (500 unless the error says otherwise)
 * instead of crashing the process or leaving the request hanging.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { captureRequestError, statusForError } from './capture-request-error.js';
import type { ErrorHandlerOptions } from './capture-request-error.js';
import { runWithRequestScope } from './request-scope.js';

export function httpErrorHandler(
  listener: RequestListener,
  options: ErrorHandlerOptions = {},
): RequestListener {
  return function faultlineHttpRequestListener(req, res) {
    runWithRequestScope(req, function runListener() {
      const fail = (error: unknown) => answerError(error, req, res, options);
      try {
        const result: unknown = listener(req, res);
        if (isPromiseLike(result)) result.then(undefined, fail);
      } catch (error) {
        fail(error);
      }
    });
  };
}

/** Wraps the `request` listeners already on the server (those `createServer(listener)` added). */
export function setupHttpErrorHandler(server: Server, options: ErrorHandlerOptions = {}): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  for (const listener of listeners) server.on('request', httpErrorHandler(listener, options));
}

function answerError(
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  options: ErrorHandlerOptions,
): void {
  captureRequestError(error, 'node', req, res, options);
  if (res.headersSent) {
    // Half a response cannot be turned into an error page; cutting it tells the client.
    res.destroy();
    return;
  }
  res.statusCode = statusForError(error, res);
  res.end();
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
