/**
 * The rule every middleware shares, the seed's: report an error when the response it causes is a
 * 5xx. The status comes from the error (`status`, `statusCode`, Boom's `output.statusCode`), else
 * from the response if it already says error, else 500, which is what frameworks answer. An
 * adapter whose framework answers differently (Koa ignores the response's status) passes its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getCurrentScope } from '../current-scope.js';
import { getClient } from '../sdk.js';

export interface ErrorHandlerOptions {
  /** Replace the 5xx rule: return true to report. */
  shouldHandleError?: (error: unknown, status: number) => boolean;
}

/** What the app reads to show a "reference id" on its error page. */
export interface ResponseWithEventId {
  faultlineEventId?: string;
}

export function statusForError(error: unknown, res?: { statusCode?: number }): number {
  if (typeof error === 'object' && error !== null) {
    const candidate = error as { status?: unknown; statusCode?: unknown; output?: unknown };
    const output = candidate.output as { statusCode?: unknown } | undefined;
    for (const status of [candidate.status, candidate.statusCode, output?.statusCode]) {
      if (isErrorStatus(status)) return status;
    }
  }
  return isErrorStatus(res?.statusCode) ? res.statusCode : 500;
}

export function isServerError(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** The event id when reported, else undefined. */
export function captureRequestError(
  error: unknown,
  framework: string,
  req: IncomingMessage,
  res: ServerResponse,
  options: ErrorHandlerOptions,
  transaction?: string,
  status: number = statusForError(error, res),
): string | undefined {
  const client = getClient();
  if (client === undefined) return undefined;
  const report = options.shouldHandleError?.(error, status) ?? isServerError(status);
  if (!report) return undefined;
  // The request scope was forked at the server; without one (a server created before init, a
  // test calling the handler directly) fork here so the event still carries the request.
  const scope = getCurrentScope().fork();
  scope.setRequest(req);
  if (transaction !== undefined) scope.setTransactionName(transaction);
  const eventId = client.captureException(error, {
    mechanism: { type: `auto.http.${framework}`, handled: false },
    scope,
  });
  (res as ResponseWithEventId).faultlineEventId = eventId;
  return eventId;
}

function isErrorStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}
