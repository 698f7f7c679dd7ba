/**
 * Symbolication's limits. Each bounds a cost by the size of its input: a map is parsed in time
 * linear in its bytes (and refused above `maxMapBytes`), an event reads at most
 * `maxMapsPerEvent` maps and rewrites at most `maxFramesPerEvent` frames, and parsed maps are
 * kept in memory up to `cacheBytes` in all.
 */
export interface SymbolicateOptions {
  /** The parsed-map cache's budget, in (estimated) bytes of memory. */
  cacheBytes: number;
  /** A bigger map is not read; its frames say `map_too_large`. */
  maxMapBytes: number;
  /** A bigger minified file is not scanned for function scopes; names then come from call sites. */
  maxMinifiedSourceBytes: number;
  maxFramesPerEvent: number;
  maxMapsPerEvent: number;
  /** Lines of source shown before and after a frame's line, as Sentry shows. */
  contextLines: number;
}

export const DEFAULT_SYMBOLICATE_OPTIONS: SymbolicateOptions = {
  cacheBytes: 256 * 1024 * 1024,
  maxMapBytes: 32 * 1024 * 1024,
  maxMinifiedSourceBytes: 16 * 1024 * 1024,
  maxFramesPerEvent: 250,
  maxMapsPerEvent: 16,
  contextLines: 5,
};
