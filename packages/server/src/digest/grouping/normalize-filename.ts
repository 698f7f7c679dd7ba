/**
 * A file name as grouping sees it: the parts that change between deploys of the same code are
 * removed or replaced, so that a frame keeps its identity across releases. Used only for frames
 * without a `module` (browser JavaScript, Ruby, PHP, native); SDKs that send `module` (Node,
 * Python, Java, .NET) never reach this.
 *
 * The choices, in order:
 *   1. query string and fragment are dropped: `app.js?v=123#x` → `app.js` (cache busters);
 *   2. backslashes become slashes and a drive letter is dropped: `C:\app\x.js` → `/app/x.js`;
 *   3. a URL keeps its path only: `https://cdn-3.example.com/static/x.js` → `static/x.js` (the
 *      host differs between CDNs and environments); other schemes (`webpack://`, `app://`,
 *      `file://`) are dropped with their slashes; `./` segments are removed;
 *   4. a path under `node_modules` keeps only what follows the last `node_modules/`, so the
 *      project's install directory (and pnpm's `.pnpm/pkg@1.2.3/` store path) does not matter;
 *   5. version-like segments become `<version>` (`/releases/1.4.2/`, `/app-2.0.1/`, `/20240501/`);
 *   6. content hashes become `<hash>`: a whole segment of 7+ hex digits with a digit in it (git
 *      SHAs of release directories), and a hash part of a bundle's name
 *      (`main.3f9a2c1b.js`, `index-BjP5a1Xy.js` → `main.<hash>.js`, `index-<hash>.js`).
 * Roads not taken: absolute posix prefixes are kept (`/srv/app/x.rb` and `/home/app/x.rb` stay
 * different) because nothing in the event says where the project root is; and case is kept,
 * because only some file systems ignore it.
 *
 * Grouping version v1 depends on this output: a new grouping version gets its own copy.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\/+/i;
const WEB_SCHEME = /^(?:https?|wss?):\/\/[^/]*/i;
const VERSION_SEGMENT = /^(.*?[-_@]|)v?\d+(?:\.\d+)*(?:[-+][0-9a-z.]+)?$/i;
const HEX_SEGMENT = /^(?=[0-9a-f]*\d)[0-9a-f]{7,}$/i;
/** A hash between separators in a file name: hex, or mixed letters and digits (Vite, esbuild). */
const NAME_HASH =
  /(?<=[.-])(?:(?=[0-9a-f]*\d)[0-9a-f]{7,}|(?=[a-z0-9_]*\d)(?=[a-z0-9_]*[a-z])[a-z0-9_]{8,})(?=\.)/gi;

export function normalizeFilename(filename: string): string {
  let path = filename.replace(/[?#].*$/s, '').replaceAll('\\', '/');
  if (WEB_SCHEME.test(path)) path = path.replace(WEB_SCHEME, '');
  else path = path.replace(SCHEME, '/');
  path = path.replace(/^\/?[a-z]:\//i, '/');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) path = path.slice(modules);
  const segments = path.split('/').filter((segment) => segment !== '.' && segment !== '');
  const last = segments.length - 1;
  return segments
    .map((segment, index) =>
      index === last ? normalizeBasename(segment) : normalizeDirectory(segment),
    )
    .join('/');
}

function normalizeDirectory(segment: string): string {
  const version = VERSION_SEGMENT.exec(segment);
  if (version !== null) return `${version[1] ?? ''}<version>`;
  return HEX_SEGMENT.test(segment) ? '<hash>' : segment;
}

function normalizeBasename(name: string): string {
  return name.replace(NAME_HASH, '<hash>');
}
