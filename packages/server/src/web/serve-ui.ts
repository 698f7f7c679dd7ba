/**
 * The web UI: the static files Vite builds into packages/web/dist, served at every GET path that
 * is not the API or an operations endpoint. The UI reads everything through /api/0/, as any other
 * client does; this module only hands out files.
 *
 * - Hashed assets (`/assets/index-3f9a1c.js`) never change under their name: cached for a year,
 *   `immutable`. index.html (and anything unhashed) is `no-cache`: revalidated by ETag every
 *   time, so a new build is picked up at the next load.
 * - Any other path is a route of the single-page app (`/issues/12`): it gets index.html. Not
 *   under /assets/, though: a stale page asking for an old hashed file must get a 404, not HTML
 *   that `nosniff` would then refuse to run as a script.
 * - Event data is attacker-controlled and the UI shows it, so the pages carry a strict
 *   Content-Security-Policy: scripts and styles only from files of this origin (Vite's build
 *   injects no inline script), no framing, no foreign connections.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': UI_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
} as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

/** packages/web/dist, from this file's place in packages/server/dist/src/web/. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

export interface UiHandlerOptions {
  /** The built UI (default: packages/web/dist of this checkout). */
  dir?: string;
}

export function createUiHandler(options: UiHandlerOptions = {}) {
  const root = path.resolve(options.dir ?? DEFAULT_UI_DIR);
  const index = path.join(root, 'index.html');

  return async function handleUiRequest(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> {
    const target = fileFor(root, pathname);
    const found = target === undefined ? undefined : await statFile(target);
    if (found !== undefined && target !== undefined) {
      const immutable = pathname.startsWith('/assets/');
      return sendFile(request, response, target, found, immutable ? IMMUTABLE : REVALIDATE);
    }
    if (pathname.startsWith('/assets/') || target === undefined) {
      return sendText(response, 404, 'Not found.\n');
    }
    const page = await statFile(index);
    if (page === undefined) {
      return sendText(
        response,
        503,
        "Faultline's web UI is not built yet: run `npm run build` in the repository, then " +
          'reload this page. The REST API is available at /api/0/ meanwhile.\n',
      );
    }
    return sendFile(request, response, index, page, REVALIDATE);
  };
}

/**
 * The file a URL path names inside `root`, or undefined when it cannot name one: bad percent
 * encoding, a NUL, a `..` or hidden segment (also when percent-encoded: checked after decoding),
 * or anything that would resolve outside `root`.
 */
export function fileFor(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return undefined;
  const resolved = path.resolve(root, ...segments);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return undefined;
  return resolved;
}

async function statFile(file: string): Promise<fs.Stats | undefined> {
  try {
    const stats = await fs.promises.stat(file);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  stats: fs.Stats,
  cacheControl: string,
): void {
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const headers = {
    ...SECURITY_HEADERS,
    'cache-control': cacheControl,
    etag,
    'last-modified': stats.mtime.toUTCString(),
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': stats.size,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  fs.createReadStream(file)
    .once('error', () => response.destroy())
    .pipe(response);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
