/**
 * What a REST route is: method, path, who may call it, the schemas of its inputs, and its handler.
 * Routes are plain values in one table (routes/index.ts). Because they are data, the request
 * handler authenticates and validates every one the same way before its handler runs, the
 * OpenAPI document is generated from them, and a test enumerates them all to prove each one
 * refuses anonymous callers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Role, User } from '../accounts/users.js';
import type { Scope } from '../accounts/tokens.js';
import type { Session } from '../accounts/sessions.js';
import type { IssueRecord, Project } from '../store/types.js';
import type { ApiServices } from './services.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `public`: anyone (logging in, the API's description). Otherwise a logged-in user whose
 * session or token has `scope`, and, where `role` is set, who has that role.
 */
export type Access = { public: true } | { scope: Scope; role?: Role };

/**
 * How a route's errors are written: Faultline's `{"error": {code, message, field}}`, or
 * Sentry's `{"detail": message}` on the routes of Sentry's API (sentry-routes), which
 * sentry-cli prints.
 */
export type ErrorShape = 'faultline' | 'sentry';

/** Who is calling: the user, how they authenticated, and what that lets them do. */
export interface Principal {
  user: User;
  /** A session acts with the user's full rights; a token with its own scope. */
  scope: Scope;
  session: Session | undefined;
  tokenId: number | undefined;
  /** Admins see every project; members see the ones they belong to. */
  projects: 'all' | ReadonlySet<number>;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set on every route that is not public. */
  principal: Principal;
  /**
   * The project a `:projectId` (or Sentry's `:project` slug) path names, and the issue an
   * `:issueId` path names: found, and
   * checked visible to the principal, by the gate before the handler runs. Set on those routes.
   */
  project: Project;
  issue: IssueRecord;
  services: ApiServices;
  request: IncomingMessage;
  response: ServerResponse;
  /** The URL the request was made to (for Link headers). */
  url: URL;
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'bytes'; contentType: string; body: Uint8Array; filename: string }
  /** The handler wrote the response itself (the live stream). */
  | { kind: 'streamed' };

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  PS extends Schema | undefined,
  QS extends Schema | undefined,
  BS extends Schema | undefined,
> {
  method: Method;
  /** `/api/0/projects/:projectId/`; each `:name` must be a key of `params`. */
  path: string;
  /** A line for the OpenAPI document. */
  summary: string;
  tag: string;
  access: Access;
  /** Default 'faultline'. */
  errorShape?: ErrorShape;
  params?: PS;
  query?: QS;
  body?: BS;
  handle(context: RouteContext<Out<PS>, Out<QS>, Out<BS>>): Promise<Reply>;
}

/** A route with its types erased, as the table holds it. */
export interface Route {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  errorShape?: ErrorShape;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  handle(context: RouteContext<unknown, unknown, unknown>): Promise<Reply>;
}

/** Declares a route; the handler's inputs are typed by the schemas. */
export function route<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
>(spec: RouteSpec<PS, QS, BS>): Route {
  return spec as unknown as Route;
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
  return headers === undefined
    ? { kind: 'json', status, body }
    : { kind: 'json', status, body, headers };
}

export function noContent(): Reply {
  return { kind: 'json', status: 204, body: undefined };
}
