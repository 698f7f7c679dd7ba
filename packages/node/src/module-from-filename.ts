/**
 * Module names the way @sentry/node writes them, so issues group the same across both SDKs:
 * `/app/node_modules/router/lib/layer.js` → `router.lib:layer`, `/app/lib/cart.mjs` (root /app)
 * → `lib:cart`, `/app/scenarios.mjs` → `scenarios`, `node:events` → `node:events`.
 */
import { sep } from 'node:path';

const EXTENSION = /\.(?:[cm]?js|[cm]?ts|jsx|tsx|node)$/;

export function moduleFromFilename(filename: string, root = defaultRoot()): string | undefined {
  if (filename.startsWith('node:')) return filename;
  const normalized = filename.replaceAll('\\', '/');
  if (!normalized.startsWith('/') && !/^[A-Za-z]:\//.test(normalized)) return undefined;

  const marker = normalized.lastIndexOf('/node_modules/');
  let relative: string;
  if (marker >= 0) {
    relative = normalized.slice(marker + '/node_modules/'.length);
  } else {
    const base = `${root.replaceAll('\\', '/').replace(/\/+$/, '')}/`;
    relative = normalized.startsWith(base) ? normalized.slice(base.length) : normalized;
  }
  const parts = relative
    .replace(/^[A-Za-z]:/, '')
    .replace(/^\/+/, '')
    .split('/');
  const file = (parts.pop() ?? '').replace(EXTENSION, '');
  const dir = parts.join('.');
  return dir === '' ? file : `${dir}:${file}`;
}

let cachedRoot: string | undefined;

function defaultRoot(): string {
  cachedRoot ??= process.cwd().split(sep).join('/');
  return cachedRoot;
}
