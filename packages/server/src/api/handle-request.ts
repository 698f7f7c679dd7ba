/**
 * The REST API's one entry point: every request under /api/0/ passes the same gate, in order:
 * match the route → authenticate → check scope and role → check CSRF → validate params, query and
 * body → run the handler → send its reply. Every failure is an ApiError from the catalogue
 * (errors.ts), mapped to HTTP here and nowhere else; anything else is our bug: a logged 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../ops/metrics.js';
import { checkAccess, visibleIssue, visibleProject } from './access.js';
import { authenticate } from './authenticate.js';
import { checkCsrf } from './csrf.js';
import { domainApiError } from './domain-errors.js';
import { ApiError } from './errors.js';
import { projectBySlug } from './organization.js';
import { readJsonBody } from './read-json-body.js';
import type { IssueRecord, Project } from '../store/types.js';
import type { ErrorShape, Principal, Reply, Route } from './route.js';
import type { RouteTable } from './route-table.js';
import type { ApiServices } from './services.js';
import { queryObject, validate } from './validate.js';

/** JSON is never to be rendered or sniffed as anything else, and never cached. */
const API_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

export interface ApiHandlerOptions {
  table: RouteTable;
  services: ApiServices;
  logger: Logger;
  metrics: ServerMetrics;
  /**
   * After every successful write: settings, keys and projects may have changed, and what
   * caches them (ingest's lookups) must not go on using the old ones on this node.
   */
  onWrite?: () => void;
}

export function createApiHandler(options: ApiHandlerOptions) {
  const { table, services, logger, metrics, onWrite } = options;
  return async function handleApiRequest(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    requestId: string,
  ): Promise<void> {
    const started = performance.now();
    // The route's path pattern, not the URL: a label per issue id would grow without bound.
    let matched: Route | undefined;
    response.once('finish', () =>
      metrics.apiRequests.observe(
        {
          route: matched === undefined ? 'unmatched' : `${matched.method} ${matched.path}`,
          status: response.statusCode,
        },
        (performance.now() - started) / 1000,
      ),
    );
    // The access log: on 'close', which also comes when the client hung up before the answer.
    // Never the URL, headers or body: query strings, cookies and tokens may carry secrets.
    response.once('close', () =>
      logger.info(
        {
          requestId,
          method: request.method,
          route: matched?.path ?? 'unmatched',
          status: response.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          ...(response.writableFinished ? {} : { aborted: true }),
        },
        'API request',
      ),
    );
    try {
      const reply = await dispatch(request, response, url, (route) => (matched = route));
      if (reply.kind !== 'streamed') sendReply(response, reply, requestId);
      if (request.method !== 'GET' && request.method !== 'HEAD') onWrite?.();
    } catch (error) {
      const apiError = toApiError(error, services);
      if (apiError.status >= 500) {
        logger.error({ err: error, requestId, path: url.pathname }, 'API request failed');
      }
      if (response.headersSent) response.destroy();
      else sendError(response, apiError, requestId, matched?.errorShape ?? 'faultline');
    }
  };

  async function dispatch(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    matched: (route: Route) => void,
  ): Promise<Reply> {
    const { route, params } = table.match(request.method ?? 'GET', url.pathname);
    matched(route);
    let principal: Principal | undefined;
    if (!('public' in route.access)) {
      principal = await authenticate(services.store.sql, request);
      if (principal === undefined) throw new ApiError('unauthenticated');
      checkAccess(route.access, principal);
      checkCsrf(request, route.method, principal);
    }
    const validParams = validate(route.params, 'params', params);
    const visible = principal === undefined ? {} : await visibleTargets(validParams, principal);
    const context = {
      params: validParams,
      query: validate(route.query, 'query', queryObject(url)),
      body: validate(route.body, 'body', route.body ? await readJsonBody(request) : undefined),
      // Public routes never read these, nor routes without those path ids; the casts save every
      // other handler an undefined check.
      principal: principal as Principal,
      project: visible.project as Project,
      issue: visible.issue as IssueRecord,
      services,
      request,
      response,
      url,
    };
    return route.handle(context);
  }

  /**
   * A route about one project's data names it in its path (`:projectId`, or `:issueId`, whose
   * issue belongs to one): checked here, before the body is even read, so no route can forget it
   * and another team learns nothing, not even whether its input was valid.
   */
  async function visibleTargets(
    params: unknown,
    principal: Principal,
  ): Promise<{ project?: Project; issue?: IssueRecord }> {
    const ids = params as { projectId?: unknown; issueId?: unknown; project?: unknown };
    return {
      ...(typeof ids.projectId === 'number'
        ? { project: await visibleProject(services.store, principal, ids.projectId) }
        : {}),
      // Sentry's API names the project by slug (/api/0/projects/{org}/{project}/…).
      ...(typeof ids.project === 'string'
        ? { project: await projectBySlug(services, principal, ids.project) }
        : {}),
      ...(typeof ids.issueId === 'number'
        ? { issue: await visibleIssue(services.store, principal, ids.issueId) }
        : {}),
    };
  }
}

function toApiError(error: unknown, services: ApiServices): ApiError {
  if (error instanceof ApiError) return error;
  const domainError = domainApiError(error);
  if (domainError !== undefined) return domainError;
  if (services.store.isUnavailable(error)) return new ApiError('unavailable');
  return new ApiError('internal');
}

function sendReply(
  response: ServerResponse,
  reply: Exclude<Reply, { kind: 'streamed' }>,
  requestId: string,
) {
  if (reply.kind === 'bytes') {
    // Attachments are whatever the sender uploaded: always a download, never rendered.
    response.writeHead(200, {
      ...API_HEADERS,
      'x-request-id': requestId,
      'content-type': reply.contentType,
      'content-length': reply.body.byteLength,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.filename)}`,
    });
    response.end(reply.body);
    return;
  }
  if (reply.status === 204 || reply.body === undefined) {
    response.writeHead(reply.status, {
      ...API_HEADERS,
      'x-request-id': requestId,
      ...reply.headers,
    });
    response.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...API_HEADERS,
    'x-request-id': requestId,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  response.end(text);
}

function sendError(
  response: ServerResponse,
  error: ApiError,
  requestId: string,
  shape: ErrorShape,
): void {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="faultline"';
  sendReply(
    response,
    {
      kind: 'json',
      status: error.status,
      body: shape === 'sentry' ? error.toSentryJSON() : error.toJSON(),
      headers,
    },
    requestId,
  );
}
