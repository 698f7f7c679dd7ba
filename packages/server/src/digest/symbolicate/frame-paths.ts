/**
 * Paths and URLs of JavaScript frames: which files can have a map, the URLs a release's artifact
 * may be stored under, and the original file's `abs_path` and `filename` once mapped. The rules
 * are symbolicator's (crates/symbolicator-js/src/utils.rs), so that uploads made for Sentry
 * resolve the same here.
 */
import path from 'node:path';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `node:internal/…`, `native`, `<anonymous>`, `[native code]`, `eval at …`: nothing to map. */
export function isSourceFile(absPath: string): boolean {
  if (absPath.startsWith('/') || absPath.startsWith('~/')) return true;
  if (!SCHEME.test(absPath)) return false;
  return !/^(node|native|data|blob|chrome-extension|moz-extension|safari-extension):/i.test(
    absPath,
  );
}

/**
 * The URLs a release's file may have been uploaded under, most specific first: the URL without
 * its fragment, without its query, then the same as `~/path` (sentry-cli's default `--url-prefix`).
 */
export function releaseUrlCandidates(absPath: string): string[] {
  const url = absPath.split('#')[0] ?? absPath;
  const relative = `~${pathAfterHost(url)}`;
  const candidates = [url, withoutQuery(url), relative, withoutQuery(relative)];
  return [...new Set(candidates)];
}

function withoutQuery(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** `https://host/a/b.js` → `/a/b.js`; `~/a.js` → `/a.js`; a plain path stays as it is. */
export function pathAfterHost(url: string): string {
  if (url.startsWith('~')) return url.slice(1);
  const scheme = url.indexOf('://');
  if (scheme === -1) return url;
  const slash = url.indexOf('/', scheme + 3);
  return slash === -1 ? '/' : url.slice(slash);
}

/** Where an original source named in a map lives, relative to the minified file that maps to it. */
export function joinSourcePath(minifiedPath: string, source: string): string {
  if (source.startsWith('webpack:') || source.includes('://')) return source;
  const relative = source.startsWith('~/') ? source.slice(1) : source;
  if (minifiedPath.includes('://')) {
    try {
      return new URL(relative, minifiedPath).href;
    } catch {
      return source;
    }
  }
  if (minifiedPath.startsWith('/'))
    return path.posix.resolve(path.posix.dirname(minifiedPath), relative);
  return source;
}

/**
 * The file name shown for an original source: webpack's namespaces trimmed (`webpack://app/./src/a.js`
 * → `./src/a.js`), a URL's path without its host, a file path as it is.
 */
export function filenameOf(absPath: string): string {
  const tilde = absPath.indexOf('/~/');
  if (absPath.startsWith('webpack') && tilde !== -1) return `~/${absPath.slice(tilde + 3)}`;
  const namespaced = /^webpack(-internal)?:\/\/[a-zA-Z0-9_\-@.]+\/\.\//.exec(absPath);
  if (namespaced !== null) return `./${absPath.slice(namespaced[0].length)}`;
  for (const prefix of ['webpack:///', 'webpack-internal:///'])
    if (absPath.startsWith(prefix)) return absPath.slice(prefix.length);
  return absPath.includes('://') ? pathAfterHost(absPath) : absPath;
}

/**
 * Whether an original file is the app's own code, decided from its path where the path says
 * so: dependencies and bundler runtime are not, webpack's `./` sources are; otherwise the SDK's
 * judgement of the minified file stands.
 */
export function inAppOf(
  absPath: string,
  filename: string,
  sent: boolean | undefined,
): boolean | undefined {
  if (/(^|\/)node_modules\//.test(absPath) || /(^|\/)node_modules\//.test(filename)) return false;
  if (/webpack\/bootstrap|^\(webpack\)|webpack\/runtime\//.test(filename)) return false;
  if (absPath.startsWith('webpack:') || absPath.startsWith('app:'))
    return !filename.startsWith('~/');
  return sent;
}

/** Leading folders that say nothing about the module (symbolicator's CLEAN_MODULE_RE, per segment). */
const USELESS_FOLDER =
  /^(?:(?:java)?scripts?|js|build|static|node_modules|bower_components|[_.~].*|v?(?:\d+\.)*\d+|[a-f0-9]{7,8}|[a-f0-9]{32}|[a-f0-9]{40})$/i;

/**
 * The module name Sentry derives from a JavaScript file (`generate_module`):
 * `http://host/static/js/v1.0/foo/bar.min.js` → `foo/bar`. A frame's module from the SDK named
 * the minified file; once mapped, it names the original one.
 */
export function moduleOf(absPath: string): string {
  let file = pathAfterHost(absPath.startsWith('webpack') ? filenameOf(absPath) : absPath);
  file = file.split(/[?#]/)[0] ?? file;
  const dot = file.lastIndexOf('.');
  if (dot > file.lastIndexOf('/')) file = file.slice(0, dot);
  if (file.endsWith('.min')) file = file.slice(0, -4);
  const segments = file.split('/');
  const hash = segments.findIndex(
    (s) => s.length === 32 || (s.length === 40 && /^[a-f0-9]+$/i.test(s)),
  );
  if (hash !== -1) return segments.slice(hash + 1).join('/');
  let first = 0;
  while (
    first < segments.length - 1 &&
    (segments[first] === '' || USELESS_FOLDER.test(segments[first] ?? ''))
  )
    first++;
  return segments
    .slice(first)
    .join('/')
    .replace(/[-.][a-f0-9]{7,}$/i, '');
}
