/**
 * Where symbolication finds source maps: the one interface between digest and artifact storage.
 * artifact-bundle/bundle-source.ts implements it over artifact bundles held in memory (tests,
 * the bench); the stored bundles of a project will implement it too.
 *
 * A source is per project: it must never answer with a map uploaded by another project or
 * organization (a debug ID is public — it is in every event — so answering across projects would
 * let anyone's upload rewrite someone else's stack traces).
 */

/** A source map found for a frame; its bytes are read only when the map is not cached yet. */
export interface SourceMapArtifact {
  /**
   * Names the map's bytes for the parsed-map cache, across every source sharing that cache:
   * include the project and the stored bundle (a re-upload of a debug ID is a new bundle).
   */
  cacheKey: string;
  /** What the frame's data names as the map used: the debug ID, or the map's `~/path`. */
  label: string;
  /** The map's size, known before reading it, so that an oversized map is never read. */
  mapByteLength: number;
  load(): Promise<SourceMapFiles>;
}

export interface SourceMapFiles {
  map: Uint8Array | string;
  /** The minified file the map belongs to, when uploaded: function scopes are read from it. */
  minifiedSource?: Uint8Array | string | undefined;
}

export interface SourceMapSource {
  /** The map of a debug ID (lower-case, dashed: `6f1c…-…`). */
  byDebugId(debugId: string): Promise<SourceMapArtifact | undefined>;
  /**
   * The map of the minified file at `url` in a release: `url` is the frame's full URL or its
   * `~/path` form (both are tried, the full URL first, as Sentry does); `dist` must match
   * exactly, an absent one matching only an absent one.
   */
  byReleaseUrl(
    release: string,
    dist: string | undefined,
    url: string,
  ): Promise<SourceMapArtifact | undefined>;
  /**
   * Other releases holding a file at `url`, newest first, at most `limit`: they explain a miss
   * ("uploaded for 1.2.0, not for 1.2.1"), the most common cause of maps not being applied.
   */
  releasesWithUrl?(url: string, limit: number): Promise<string[]>;
}
