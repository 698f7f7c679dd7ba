/**
 * Debug IDs of bundled files, sent as `debug_meta.images` so the server finds each frame's source
 * map by ID rather than by release and path.
 *
 * `sentry-cli sourcemaps inject` (and the bundler plugins) put a snippet at the top of each
 * bundle that records `_sentryDebugIds[new Error().stack] = "<debug id>"`: the key is a stack
 * taken inside the bundle, so the file of its top frame is the bundle's path as V8 prints it in
 * every later stack. Bundlers that emit the TC39 debug-ID proposal's `_debugIds` use the same
 * shape. @sentry/core reads both the same way (utils/debug-ids.ts); the server matches
 * `code_file` to the frame's `abs_path` or `filename` (digest/symbolicate/debug-ids.ts).
 *
 * Parsing stacks costs microseconds, so it is paid once per key for the process's life; an event
 * pays for counting the keys (to notice a bundle loaded since) and a map lookup per frame.
 */
import type { StackFrame } from '@faultline/protocol';
import { parseStackLine } from './parse-stack.js';

export interface DebugImage {
  type: 'sourcemap';
  code_file: string;
  debug_id: string;
}

interface DebugIdGlobals {
  _sentryDebugIds?: unknown;
  _debugIds?: unknown;
}

// The snippet's stack is short; a key with more lines than this was not written by it.
const MAX_KEY_LINES = 50;

/** Stack key → its file (undefined: no frame with a position), parsed once per key. */
const fileOfKey = new Map<string, string | undefined>();
let cachedKeyCount = -1;
let cachedByFile = new Map<string, string>();

/** The images of the files among `frames` that a debug ID names, one per file. */
export function debugImagesFor(frames: readonly StackFrame[]): DebugImage[] {
  const byFile = debugIdsByFile();
  if (byFile.size === 0) return [];
  const images: DebugImage[] = [];
  const seen = new Set<string>();
  for (const frame of frames) {
    const file = frame.abs_path ?? frame.filename;
    if (file === undefined || seen.has(file)) continue;
    seen.add(file);
    const debugId = byFile.get(file);
    if (debugId !== undefined)
      images.push({ type: 'sourcemap', code_file: file, debug_id: debugId });
  }
  return images;
}

/** File → debug ID, rebuilt only when the number of recorded keys changed. */
export function debugIdsByFile(): ReadonlyMap<string, string> {
  const globals = globalThis as DebugIdGlobals;
  const sources = [recordOf(globals._sentryDebugIds), recordOf(globals._debugIds)];
  let keyCount = 0;
  for (const source of sources) if (source !== undefined) keyCount += Object.keys(source).length;
  if (keyCount === cachedKeyCount) return cachedByFile;
  const byFile = new Map<string, string>();
  for (const source of sources) {
    if (source === undefined) continue;
    for (const [key, debugId] of Object.entries(source)) {
      if (typeof debugId !== 'string') continue;
      const file = fileOfStackKey(key);
      if (file !== undefined && !byFile.has(file)) byFile.set(file, debugId);
    }
  }
  cachedKeyCount = keyCount;
  cachedByFile = byFile;
  return byFile;
}

function fileOfStackKey(key: string): string | undefined {
  if (fileOfKey.has(key)) return fileOfKey.get(key);
  let file: string | undefined;
  // V8 prints the newest frame first: the snippet's own line, in the bundle.
  for (const line of key.split('\n', MAX_KEY_LINES)) {
    const frame = parseStackLine(line);
    if (frame?.lineno !== undefined && frame.filename !== undefined && frame.filename !== '') {
      file = frame.filename;
      break;
    }
  }
  fileOfKey.set(key, file);
  return file;
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}
