/** Maps a request line to what handles it. Ingest paths follow Sentry's: /api/<id>/envelope/. */
import { ingestError } from './ingest/errors.js';
import type { IngestError } from './ingest/errors.js';
import type { IngestEndpoint } from './ingest/ingest-service.js';

export type Route =
  | { kind: 'ingest'; endpoint: IngestEndpoint; projectId: string; query: URLSearchParams }
  | { kind: 'preflight' }
  | { kind: 'health' }
  | { kind: 'ready' }
  | { kind: 'metrics' }
  /** The REST API (api/handle-request.ts), which finds its own route. */
  | { kind: 'api' }
  /** The web UI's files (web/serve-ui.ts): every other GET, since the app has routes of its own. */
  | { kind: 'ui'; path: string }
  | { kind: 'error'; error: IngestError };

// An optional path prefix is allowed (a DSN may carry one, e.g. behind a reverse proxy).
const INGEST_PATH = /^(?:\/[^?]*)?\/api\/([^/]+)\/(envelope|store)\/?$/;

export function routeRequest(method: string, rawUrl: string): Route {
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1));
  const ingest = INGEST_PATH.exec(path);
  if (ingest !== null) {
    if (method === 'OPTIONS') return { kind: 'preflight' };
    if (method !== 'POST') {
      return { kind: 'error', error: ingestError('method_not_allowed', method.slice(0, 16)) };
    }
    return {
      kind: 'ingest',
      endpoint: ingest[2] as IngestEndpoint,
      projectId: decodeURIComponentSafe(ingest[1]!),
      query,
    };
  }
  if (path.startsWith('/api/0/')) return { kind: 'api' };
  if (method === 'GET' || method === 'HEAD') {
    if (path === '/healthz') return { kind: 'health' };
    if (path === '/readyz') return { kind: 'ready' };
    if (path === '/metrics') return { kind: 'metrics' };
    if (path !== '/api' && !path.startsWith('/api/')) return { kind: 'ui', path };
  }
  return { kind: 'error', error: ingestError('not_found', path.slice(0, 200)) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
