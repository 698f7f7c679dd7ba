/**
 * A source map parsed once for many events: trace-mapping's decoded map, the minified file's
 * function scopes, and the original sources split into lines on first use. Its `byteSize` is an
 * estimate of the memory it holds, charged to the parsed-map cache.
 */
import { AnyMap, decodedMappings, sourceContentFor, TraceMap } from '@jridgewell/trace-mapping';
import { ScopeIndex } from './scopes/scope-index.js';
import type { SourceMapFiles } from './source-map-source.js';
import type { SymbolicateOptions } from './symbolicate-options.js';
import { unmapped } from './unmapped-reason.js';
import type { UnmappedReason } from './unmapped-reason.js';

/**
 * Heap per decoded segment (a small array of 4-5 numbers) in trace-mapping 0.3 on V8, measured
 * with the heap held by parsed maps in `npm run bench:symbolicate` (~95 bytes).
 */
const BYTES_PER_SEGMENT = 96;
const BYTES_PER_LINE = 40;
/** `sourcesContent` as parsed, then split into lines on first use (measured ~2.2 bytes a char). */
const BYTES_PER_CONTENT_CHAR = 2.5;

export interface ParsedMap {
  trace: TraceMap;
  scopes: ScopeIndex | undefined;
  byteSize: number;
  /** The lines of original source `index` (from `sourcesContent`), or undefined. */
  sourceLines(index: number): readonly string[] | undefined;
}

export class MapParseError extends Error {
  override readonly name = 'MapParseError';
  constructor(readonly reason: UnmappedReason) {
    super(reason.detail);
  }
}

const decoder = new TextDecoder();

function textOf(bytes: Uint8Array | string): string {
  return typeof bytes === 'string' ? bytes : decoder.decode(bytes);
}

export function parseSourceMap(files: SourceMapFiles, options: SymbolicateOptions): ParsedMap {
  const text = stripXssiPrefix(textOf(files.map));
  if (text.length > options.maxMapBytes)
    throw new MapParseError(tooLarge(`${text.length} characters`, options.maxMapBytes));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MapParseError(unmapped('map_invalid', `the map is not JSON: ${messageOf(error)}`));
  }
  checkShape(json);
  // Decoding allocates per segment: refuse before decoding a map that would not fit the cache
  // (a few megabytes of `A,A,A,…` are millions of segments).
  const mostSegments = segmentBoundOf(json);
  if (mostSegments * BYTES_PER_SEGMENT > options.cacheBytes)
    throw new MapParseError(tooLarge(`${mostSegments} segments`, options.cacheBytes));
  const trace = traceMapOf(json);
  let segments = 0;
  let lines = 0;
  for (const line of decodedMappings(trace)) {
    lines++;
    segments += line.length;
  }
  const contentChars = (trace.sourcesContent ?? []).reduce((sum, s) => sum + (s?.length ?? 0), 0);
  const scopes = scopesOf(files.minifiedSource, options);
  const byteSize = Math.round(
    segments * BYTES_PER_SEGMENT +
      lines * BYTES_PER_LINE +
      contentChars * BYTES_PER_CONTENT_CHAR +
      encodedLength(json) + // trace-mapping keeps the encoded mappings too
      (scopes?.byteSize ?? 0),
  );
  if (byteSize > options.cacheBytes)
    throw new MapParseError(tooLarge(`about ${byteSize} bytes once parsed`, options.cacheBytes));
  const split = new Map<number, readonly string[] | undefined>();
  return {
    trace,
    scopes,
    byteSize,
    sourceLines(index) {
      if (!split.has(index)) {
        const source = trace.sources[index];
        const content = source == null ? null : sourceContentFor(trace, source);
        split.set(index, content == null ? undefined : content.split(/\r\n|\r|\n/));
      }
      return split.get(index);
    },
  };
}

/** Some servers prefix JSON with `)]}'` against XSSI; the source map spec says to skip it. */
function stripXssiPrefix(text: string): string {
  return text.startsWith(")]}'") ? text.slice(text.indexOf('\n') + 1) : text;
}

/** An index map's sections hold regular maps only (the spec forbids nesting them). */
function checkShape(json: unknown, isSection = false): asserts json is Record<string, unknown> {
  const invalid = (why: string) => new MapParseError(unmapped('map_invalid', why));
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalid('the map is not a JSON object');
  const map = json as Record<string, unknown>;
  if (map['version'] !== 3) throw invalid(`the map's version is ${String(map['version'])}, not 3`);
  if (Array.isArray(map['sections'])) {
    if (isSection) throw invalid('an indexed map nested in a section');
    for (const section of map['sections']) {
      const inner = (section as Record<string, unknown> | null)?.['map'];
      if (inner === undefined) throw invalid('an indexed map section without an inline map');
      checkShape(inner, true);
    }
    return;
  }
  if (typeof map['mappings'] !== 'string') throw invalid('the map has no `mappings` string');
  if (
    !Array.isArray(map['sources']) ||
    map['sources'].some((s) => s !== null && typeof s !== 'string')
  )
    throw invalid("the map's `sources` is not a list of strings");
  if (
    map['names'] !== undefined &&
    (!Array.isArray(map['names']) || map['names'].some((n) => typeof n !== 'string'))
  )
    throw invalid("the map's `names` is not a list of strings");
}

function encodedLength(map: Record<string, unknown>): number {
  const mappings = map['mappings'];
  return typeof mappings === 'string' ? mappings.length : 0;
}

/** Every segment but a line's first follows a comma; lines are separated by semicolons. */
function segmentBoundOf(map: Record<string, unknown>): number {
  const mappings = map['mappings'];
  if (typeof mappings === 'string') {
    let separators = 1;
    for (let i = 0; i < mappings.length; i++) {
      const code = mappings.charCodeAt(i);
      if (code === 44 || code === 59) separators++;
    }
    return separators;
  }
  const sections = Array.isArray(map['sections']) ? map['sections'] : [];
  return sections.reduce<number>(
    (sum, section) => sum + segmentBoundOf((section as { map: Record<string, unknown> }).map),
    0,
  );
}

function traceMapOf(json: Record<string, unknown>): TraceMap {
  try {
    // AnyMap flattens indexed maps (`sections`), which some bundlers emit for concatenated files.
    const trace = Array.isArray(json['sections'])
      ? new AnyMap(json as never)
      : new TraceMap(json as never);
    decodedMappings(trace); // decoding is lazy: do it now, so that the cost is paid (and fails) here
    return trace;
  } catch (error) {
    throw new MapParseError(
      unmapped('map_invalid', `the map could not be decoded: ${messageOf(error)}`),
    );
  }
}

function scopesOf(
  source: Uint8Array | string | undefined,
  options: SymbolicateOptions,
): ScopeIndex | undefined {
  if (source === undefined || source.length > options.maxMinifiedSourceBytes) return undefined;
  return new ScopeIndex(textOf(source));
}

function tooLarge(size: string, limit: number): UnmappedReason {
  return unmapped('map_too_large', `the map is ${size}; the limit is ${limit} bytes`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
