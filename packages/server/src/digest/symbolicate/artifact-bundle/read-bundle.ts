/**
 * An artifact bundle as sentry-cli builds it (`sourcemaps upload`, and the bundler plugins through
 * it): a zip with `manifest.json` —
 *   {org, project?, release?, dist?, files: {"<path in zip>": {url: "~/main.js",
 *    type: "minified_source" | "source_map" | …, headers: {"debug-id": …, "Sourcemap": …}}}}
 * — and the files it lists (sentry-cli src/utils/file_upload.rs). Reading one validates the
 * manifest against the zip; the files stay compressed until a frame needs them.
 */
import { canonicalDebugId } from '../debug-ids.js';
import { BundleError } from './bundle-error.js';
import { checkEntryPath, readZip } from './zip-reader.js';
import type { ZipEntry, ZipLimits } from './zip-reader.js';

export interface BundleFile {
  path: string;
  /** `~/main.js` or a full URL: what a frame's `abs_path` is matched against. */
  url: string;
  type: string;
  /** Header names in lower case. */
  headers: Map<string, string>;
  debugId: string | undefined;
  size: number;
  read(): Buffer;
}

export interface ArtifactBundle {
  release: string | undefined;
  dist: string | undefined;
  files: BundleFile[];
}

export const DEFAULT_BUNDLE_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_URL_CHARS = 2048;
const MAX_HEADERS = 32;

export function readArtifactBundle(
  zip: Buffer,
  limits: ZipLimits = DEFAULT_BUNDLE_LIMITS,
): ArtifactBundle {
  const entries = readZip(zip, limits);
  const manifestEntry = entries.get('manifest.json');
  if (manifestEntry === undefined)
    throw new BundleError('manifest_missing', 'the bundle has no manifest.json');
  if (manifestEntry.uncompressedSize > MAX_MANIFEST_BYTES)
    throw new BundleError(
      'manifest_invalid',
      `manifest.json is larger than ${MAX_MANIFEST_BYTES} bytes`,
    );
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestEntry.read().toString('utf8'));
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('manifest_invalid', 'manifest.json is not JSON');
  }
  return bundleOf(manifest, entries);
}

function bundleOf(manifest: unknown, entries: Map<string, ZipEntry>): ArtifactBundle {
  if (!isRecord(manifest)) throw invalid('manifest.json is not an object');
  const filesValue = manifest['files'];
  if (!isRecord(filesValue)) throw invalid('manifest.json has no `files` object');
  const files: BundleFile[] = [];
  for (const [path, described] of Object.entries(filesValue)) {
    checkEntryPath(path);
    const entry = entries.get(path);
    if (entry === undefined)
      throw invalid(
        `manifest.json lists ${JSON.stringify(path.slice(0, 200))}, which the zip lacks`,
      );
    if (!isRecord(described)) throw invalid(`manifest.json's entry for ${path} is not an object`);
    const url = described['url'];
    if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_CHARS)
      throw invalid(`manifest.json's entry for ${path} has no usable url`);
    const headers = headersOf(described['headers'], path);
    files.push({
      path,
      url,
      type: typeof described['type'] === 'string' ? described['type'] : 'unknown',
      headers,
      debugId: canonicalDebugId(headers.get('debug-id')),
      size: entry.uncompressedSize,
      read: () => entry.read(),
    });
  }
  return {
    release: optionalLabel(manifest['release'], 'release'),
    dist: optionalLabel(manifest['dist'], 'dist'),
    files,
  };
}

function headersOf(value: unknown, path: string): Map<string, string> {
  const headers = new Map<string, string>();
  if (value === undefined || value === null) return headers;
  if (!isRecord(value)) throw invalid(`manifest.json's headers for ${path} are not an object`);
  for (const [name, header] of Object.entries(value).slice(0, MAX_HEADERS))
    if (typeof header === 'string') headers.set(name.toLowerCase(), header.slice(0, MAX_URL_CHARS));
  return headers;
}

function optionalLabel(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    throw invalid(`manifest.json's ${what} is not a string of 1 to 200 characters`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): BundleError {
  return new BundleError('manifest_invalid', message);
}
