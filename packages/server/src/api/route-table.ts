/**
 * Finds the route for a method and path. The table is small (tens of routes), so each path
 * pattern is compiled to a regular expression once and tried in order; a path that matches
 * under another method answers 405 rather than 404. The trailing slash is optional.
 */
import { ApiError } from './errors.js';
import type { Method, Route } from './route.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  /** Raw (decoded) path parameters, before validation. */
  params: Record<string, string>;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/\/$/, '')
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

export class RouteTable {
  readonly routes: readonly Route[];
  readonly #compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes;
    this.#compiled = routes.map(compile);
  }

  /** The route for this request, or an ApiError (404, 405). */
  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const { route, pattern, names } of this.#compiled) {
      const found = pattern.exec(path);
      if (found === null) continue;
      pathMatched = true;
      if (route.method !== (method === 'HEAD' ? 'GET' : (method as Method))) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => (params[name] = decodeSegment(found[index + 1]!)));
      return { route, params };
    }
    if (pathMatched)
      throw new ApiError('method_not_allowed', `${method.slice(0, 10)} is not allowed here`);
    throw new ApiError('not_found', `no API route ${path.slice(0, 200)}`);
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError('invalid_request', 'a path segment is not valid percent-encoding');
  }
}
