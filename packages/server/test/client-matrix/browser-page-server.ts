/**
 * A tiny static server for the browser client's page, on its own origin (a port of its own):
 * the page and app from test/fixtures/matrix/browser/, and the ES modules of @sentry/browser and
 * its dependencies from node_modules, found through an import map. Nothing is bundled: the
 * browser loads the SDK's published ESM build as npm installed it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES_DIR } from '../helpers/paths.js';

const PAGE_DIR = path.join(FIXTURES_DIR, 'matrix', 'browser');

/** Every bare specifier @sentry/browser's ESM build (and its dependencies' builds) imports. */
const SPECIFIERS = [
  '@sentry/browser',
  '@sentry/browser-utils',
  '@sentry/conventions/attributes',
  '@sentry/conventions/metrics',
  '@sentry/conventions/op',
  '@sentry/core',
  '@sentry/core/browser',
  '@sentry/feedback',
  '@sentry/replay',
  '@sentry/replay-canvas',
  'web-vitals',
];

const NODE_MODULES_DIR = (() => {
  const entry = fileURLToPath(import.meta.resolve('@sentry/browser'));
  return entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}`) + 13);
})();

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function startBrowserPageServer(): Promise<PageServer> {
  const imports = Object.fromEntries(
    SPECIFIERS.map((specifier) => [specifier, moduleUrlOf(specifier)]),
  );
  const page = fs
    .readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8')
    .replace('IMPORT_MAP', JSON.stringify({ imports }));
  const server = http.createServer(function servePageFile(request, response) {
    const pathname = new URL(request.url ?? '/', 'http://page').pathname;
    const file = pathname.startsWith('/node_modules/')
      ? within(NODE_MODULES_DIR, pathname.slice('/node_modules/'.length))
      : within(PAGE_DIR, pathname.slice(1));
    if (pathname === '/index.html') return send(response, 'text/html', page);
    if (file === undefined || !/\.m?js$/.test(file) || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    send(response, 'text/javascript', fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function moduleUrlOf(specifier: string): string {
  const file = fileURLToPath(import.meta.resolve(specifier));
  return `/node_modules/${path.relative(NODE_MODULES_DIR, file).split(path.sep).join('/')}`;
}

/** `relative` inside `dir`, or undefined when it would leave it. */
function within(dir: string, relative: string): string | undefined {
  const file = path.resolve(dir, decodeURIComponent(relative));
  return file.startsWith(dir + path.sep) ? file : undefined;
}

function send(response: http.ServerResponse, type: string, body: string | Buffer): void {
  response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
}
