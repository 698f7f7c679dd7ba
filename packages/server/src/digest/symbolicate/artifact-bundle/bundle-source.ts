/**
 * A SourceMapSource over artifact bundles held in memory: what tests and the bench symbolicate
 * with, and the pairing rules (which map belongs to which minified file) that stored bundles
 * follow too. Bundles added later win, as a re-upload of a debug ID overwrites in Sentry.
 *
 * A minified file's map is, in order: the map with the same `debug-id` header; the file its
 * `Sourcemap` (or `X-SourceMap`) header names; the file its `//# sourceMappingURL=` comment
 * names; `<url>.map` — each looked up in the same release and dist.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { SourceMapArtifact, SourceMapSource } from '../source-map-source.js';
import { readArtifactBundle } from './read-bundle.js';
import type { ArtifactBundle, BundleFile } from './read-bundle.js';
import type { ZipLimits } from './zip-reader.js';

interface HeldFile {
  /** Unique per added bundle, so that a re-upload is a new cache entry. */
  bundleKey: string;
  file: BundleFile;
}

interface DebugIdFiles {
  map?: HeldFile;
  minified?: HeldFile;
}

export interface AddBundleOptions {
  /** The assemble request's `version` and `dist`, which win over the manifest's. */
  release?: string | undefined;
  dist?: string | undefined;
  limits?: ZipLimits;
}

/** How far from its end a minified file's sourceMappingURL comment is looked for. */
const SOURCE_MAPPING_URL_TAIL = 4096;

export class BundleSourceMapSource implements SourceMapSource {
  private readonly id = randomUUID();
  private bundles = 0;
  private readonly debugIdFiles = new Map<string, DebugIdFiles>();
  /** release + dist → url → file */
  private readonly byRelease = new Map<string, Map<string, HeldFile>>();
  /** url → releases holding it, the newest last */
  private readonly releasesByUrl = new Map<string, string[]>();

  /** Reads and indexes a bundle; throws BundleError for a zip or manifest it refuses. */
  addBundle(zip: Buffer, options: AddBundleOptions = {}): ArtifactBundle {
    const bundle = readArtifactBundle(zip, options.limits);
    const release = options.release ?? bundle.release;
    const dist = options.dist ?? bundle.dist;
    const bundleKey = `${this.id}:${++this.bundles}`;
    for (const file of bundle.files) {
      const held = { bundleKey, file };
      if (file.debugId !== undefined) {
        const pair = this.debugIdFiles.get(file.debugId) ?? {};
        if (file.type === 'source_map') pair.map = held;
        else pair.minified = held;
        this.debugIdFiles.set(file.debugId, pair);
      }
      if (release === undefined) continue;
      const key = releaseKey(release, dist);
      const urls = this.byRelease.get(key) ?? new Map<string, HeldFile>();
      urls.set(file.url, held);
      this.byRelease.set(key, urls);
      const releases = (this.releasesByUrl.get(file.url) ?? []).filter((r) => r !== release);
      this.releasesByUrl.set(file.url, [...releases, release]);
    }
    return bundle;
  }

  async byDebugId(debugId: string): Promise<SourceMapArtifact | undefined> {
    const pair = this.debugIdFiles.get(debugId);
    if (pair?.map === undefined) return undefined;
    return artifactOf(pair.map, pair.minified, debugId);
  }

  async byReleaseUrl(
    release: string,
    dist: string | undefined,
    url: string,
  ): Promise<SourceMapArtifact | undefined> {
    const urls = this.byRelease.get(releaseKey(release, dist));
    const minified = urls?.get(url);
    if (urls === undefined || minified === undefined) return undefined;
    if (minified.file.type === 'source_map') return undefined; // a frame never runs a map
    const fromDebugId =
      minified.file.debugId === undefined
        ? undefined
        : this.debugIdFiles.get(minified.file.debugId)?.map;
    const map =
      fromDebugId ??
      mapReferencesOf(minified.file)
        .map((ref) => urls.get(ref))
        .find((f) => f !== undefined);
    return map === undefined ? undefined : artifactOf(map, minified, map.file.url);
  }

  async releasesWithUrl(url: string, limit: number): Promise<string[]> {
    return (this.releasesByUrl.get(url) ?? []).slice(-limit).reverse();
  }
}

function releaseKey(release: string, dist: string | undefined): string {
  return `${release}\u0000${dist ?? ''}`;
}

function artifactOf(
  map: HeldFile,
  minified: HeldFile | undefined,
  label: string,
): SourceMapArtifact {
  return {
    cacheKey: `${map.bundleKey}:${map.file.path}:${minified?.file.path ?? ''}`,
    label,
    mapByteLength: map.file.size,
    load: async () => ({ map: map.file.read(), minifiedSource: minified?.file.read() }),
  };
}

/** The URLs a minified file's map may be at, most explicit first. */
function mapReferencesOf(file: BundleFile): string[] {
  const header = file.headers.get('sourcemap') ?? file.headers.get('x-sourcemap');
  const references: string[] = [];
  if (header !== undefined) references.push(header);
  const comment = sourceMappingUrlOf(file);
  if (comment !== undefined) references.push(comment);
  references.push(`${path.posix.basename(file.url.split('?')[0] ?? file.url)}.map`);
  return references.map((reference) => resolveArtifactUrl(file.url, reference));
}

function sourceMappingUrlOf(file: BundleFile): string | undefined {
  if (file.size > 64 * 1024 * 1024) return undefined;
  const tail = file.read().subarray(-SOURCE_MAPPING_URL_TAIL).toString('utf8');
  const match = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(tail);
  const reference = match?.[1];
  return reference === undefined || reference.startsWith('data:') ? undefined : reference;
}

/** `~/assets/main.js` + `main.js.map` → `~/assets/main.js.map`; full URLs resolve as URLs. */
export function resolveArtifactUrl(base: string, reference: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) return reference;
  const relative = reference.startsWith('~/') ? reference.slice(1) : reference;
  if (base.startsWith('~/'))
    return `~${path.posix.resolve(path.posix.dirname(base.slice(1)), relative)}`;
  try {
    return new URL(relative, base).href;
  } catch {
    return path.posix.resolve(path.posix.dirname(base), relative);
  }
}
