/**
 * Digest's symbolication step: rewrites an event's JavaScript frames to the original files,
 * lines, functions and source lines, in place, before grouping (so that issues group on the
 * code as written, as Sentry's do). Each stack trace that changed keeps its minified frames as
 * `raw_stacktrace`; each frame that could not be mapped says why (unmapped-reason.ts).
 *
 * One Symbolicator lives as long as the digest worker: it holds the parsed-map cache. Sources
 * are per project and passed per event.
 */
import type { SentryEvent, StackFrame, Stacktrace } from '@faultline/protocol';
import { debugIdsOf } from './debug-ids.js';
import { findArtifact } from './find-artifact.js';
import type { FoundArtifact } from './find-artifact.js';
import { markUnmapped } from './frame-data.js';
import { isSourceFile } from './frame-paths.js';
import { mapFrame } from './map-frame.js';
import { MapParseError, parseSourceMap } from './parsed-map.js';
import { ParsedMapCache } from './parsed-map-cache.js';
import type { CachedMap } from './parsed-map-cache.js';
import type { SourceMapArtifact, SourceMapSource } from './source-map-source.js';
import { DEFAULT_SYMBOLICATE_OPTIONS } from './symbolicate-options.js';
import type { SymbolicateOptions } from './symbolicate-options.js';
import { unmapped } from './unmapped-reason.js';
import type { UnmappedReason } from './unmapped-reason.js';

export interface SymbolicationSummary {
  /** JavaScript frames seen. */
  frames: number;
  mapped: number;
  /** Stack traces left as sent because symbolicating them failed unexpectedly. */
  failedStacktraces: number;
}

interface StacktraceHolder {
  stacktrace?: Stacktrace;
  raw_stacktrace?: Stacktrace;
}

/** What one event has looked up so far: each file and map once per event. */
interface EventRun {
  source: SourceMapSource;
  debugIds: Map<string, string>;
  release: string | undefined;
  dist: string | undefined;
  artifacts: Map<string, FoundArtifact>;
  maps: Map<string, CachedMap>;
  mapsRead: number;
  summary: SymbolicationSummary;
}

type FrameOutcome =
  { ok: true; tokenName: string | undefined } | { ok: false; reason: UnmappedReason };

export class Symbolicator {
  readonly options: SymbolicateOptions;
  readonly cache: ParsedMapCache;

  constructor(options: Partial<SymbolicateOptions> = {}) {
    this.options = { ...DEFAULT_SYMBOLICATE_OPTIONS, ...options };
    this.cache = new ParsedMapCache(this.options.cacheBytes);
  }

  async symbolicateEvent(
    event: SentryEvent,
    source: SourceMapSource,
  ): Promise<SymbolicationSummary> {
    const summary: SymbolicationSummary = { frames: 0, mapped: 0, failedStacktraces: 0 };
    const holders: StacktraceHolder[] = [
      ...(event.exception?.values ?? []),
      ...(event.threads?.values ?? []),
    ];
    const run: EventRun = {
      source,
      debugIds: debugIdsOf(event),
      release: event.release,
      dist: event.dist,
      artifacts: new Map(),
      maps: new Map(),
      mapsRead: 0,
      summary,
    };
    for (const holder of holders) {
      const stacktrace = holder.stacktrace;
      if (stacktrace === undefined) continue;
      if (!stacktrace.frames.some((frame) => isJavaScript(frame, event.platform))) continue;
      // Frames are rewritten by replacing their fields, never their arrays' contents: shallow
      // copies keep the minified frames whole.
      const raw: Stacktrace = { ...stacktrace, frames: stacktrace.frames.map((f) => ({ ...f })) };
      const mappedBefore = summary.mapped;
      try {
        await this.symbolicateFrames(stacktrace.frames, event.platform, run);
      } catch {
        // A bug here must not cost the event: it is stored as sent.
        holder.stacktrace = raw;
        summary.failedStacktraces++;
        continue;
      }
      if (summary.mapped > mappedBefore) holder.raw_stacktrace = raw;
    }
    return summary;
  }

  /** Oldest frame first, so that each frame's call-site name is known when its callee comes. */
  private async symbolicateFrames(
    frames: StackFrame[],
    platform: string,
    run: EventRun,
  ): Promise<void> {
    let callSiteName: string | undefined;
    for (const frame of frames) {
      if (!isJavaScript(frame, platform)) {
        callSiteName = undefined;
        continue;
      }
      run.summary.frames++;
      const outcome = await this.symbolicateFrame(frame, callSiteName, run);
      if (outcome.ok) run.summary.mapped++;
      else markUnmapped(frame, outcome.reason);
      callSiteName = outcome.ok ? outcome.tokenName : undefined;
    }
  }

  private async symbolicateFrame(
    frame: StackFrame,
    callSiteName: string | undefined,
    run: EventRun,
  ): Promise<FrameOutcome> {
    const file = frame.abs_path ?? frame.filename;
    if (file === undefined || !isSourceFile(file))
      return fail(
        'not_a_source_file',
        `${file ?? 'the frame'} names no file or URL a map could be uploaded for`,
      );
    const { lineno, colno } = frame;
    if (lineno === undefined || colno === undefined || lineno < 1 || colno < 1)
      return fail('no_location', `${file} has no line and column to look up`);
    if (run.summary.frames > this.options.maxFramesPerEvent)
      return fail(
        'frame_limit',
        `only the first ${this.options.maxFramesPerEvent} frames of an event are symbolicated`,
      );
    const found = await this.artifactFor(file, run);
    if (!found.ok) return found;
    const loaded = await this.mapFor(found.artifact, run);
    if (!loaded.ok) return loaded;
    return mapFrame({
      frame,
      minifiedPath: file,
      lineno,
      colno,
      map: loaded.map,
      resolvedWith: found.resolvedWith,
      label: found.artifact.label,
      callSiteName,
      contextLines: this.options.contextLines,
    });
  }

  private async artifactFor(file: string, run: EventRun): Promise<FoundArtifact> {
    const known = run.artifacts.get(file);
    if (known !== undefined) return known;
    let found: FoundArtifact;
    try {
      found = await findArtifact(
        { absPath: file, debugId: run.debugIds.get(file), release: run.release, dist: run.dist },
        run.source,
      );
    } catch (error) {
      found = {
        ok: false,
        reason: unmapped('source_error', `looking up ${file}'s map failed: ${messageOf(error)}`),
      };
    }
    run.artifacts.set(file, found);
    return found;
  }

  private async mapFor(artifact: SourceMapArtifact, run: EventRun): Promise<CachedMap> {
    const key = artifact.cacheKey;
    const seen = run.maps.get(key) ?? this.cache.get(key);
    if (seen !== undefined) {
      run.maps.set(key, seen);
      return seen;
    }
    if (run.mapsRead >= this.options.maxMapsPerEvent) {
      const reason = unmapped(
        'map_limit',
        `only ${this.options.maxMapsPerEvent} different maps are read per event`,
      );
      return { ok: false, reason };
    }
    run.mapsRead++;
    const entry = await this.readMap(artifact);
    run.maps.set(key, entry);
    // A storage failure may pass; anything else is the map's own and stays true.
    if (entry.ok || entry.reason.code !== 'source_error') this.cache.set(key, entry);
    return entry;
  }

  private async readMap(artifact: SourceMapArtifact): Promise<CachedMap> {
    const { maxMapBytes } = this.options;
    if (artifact.mapByteLength > maxMapBytes) {
      const detail = `the map (${artifact.label}) is ${artifact.mapByteLength} bytes; the limit is ${maxMapBytes}`;
      return { ok: false, reason: unmapped('map_too_large', detail) };
    }
    try {
      const files = await artifact.load();
      return { ok: true, map: parseSourceMap(files, this.options) };
    } catch (error) {
      if (error instanceof MapParseError) return { ok: false, reason: error.reason };
      const detail = `reading the map (${artifact.label}) failed: ${messageOf(error)}`;
      return { ok: false, reason: unmapped('source_error', detail) };
    }
  }
}

function isJavaScript(frame: StackFrame, eventPlatform: string): boolean {
  const platform = frame.platform ?? eventPlatform;
  return platform === 'javascript' || platform === 'node';
}

function fail(code: UnmappedReason['code'], detail: string): FrameOutcome {
  return { ok: false, reason: unmapped(code, detail) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
