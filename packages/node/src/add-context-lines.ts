/**
 * Source lines around in-app frames (5 before, the line, 5 after). Files are read asynchronously
 * after the capture returned, never on the request path, and kept in a small LRU cache because
 * the same few files appear in most events.
 */
import { readFile, stat } from 'node:fs/promises';
import type { StackFrame } from '@faultline/protocol';

const CONTEXT_LINES = 5;
const MAX_CACHED_FILES = 50;
// Bigger files are bundles or generated code: their lines help no one and cost memory.
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LINE_LENGTH = 200;

// null: the file could not be read; remembered so it is not tried on every event.
const cache = new Map<string, string[] | null>();

export async function addContextLines(frames: StackFrame[]): Promise<void> {
  const wanted = new Set<string>();
  for (const frame of frames) {
    if (frame.in_app === true && frame.filename !== undefined && frame.lineno !== undefined) {
      wanted.add(frame.filename);
    }
  }
  const files = new Map<string, string[] | null>();
  await Promise.all([...wanted].map(async (file) => files.set(file, await readLines(file))));
  for (const frame of frames) {
    const lines = frame.filename === undefined ? undefined : files.get(frame.filename);
    if (lines == null || frame.lineno === undefined || frame.in_app !== true) continue;
    const index = frame.lineno - 1;
    const line = lines[index];
    if (line === undefined) continue;
    frame.pre_context = lines.slice(Math.max(0, index - CONTEXT_LINES), index).map(clip);
    frame.context_line = clip(line);
    frame.post_context = lines.slice(index + 1, index + 1 + CONTEXT_LINES).map(clip);
  }
}

async function readLines(file: string): Promise<string[] | null> {
  if (cache.has(file)) {
    const lines = cache.get(file) ?? null;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
    cache.delete(file);
    cache.set(file, lines);
    return lines;
  }
  let lines: string[] | null = null;
  try {
    if ((await stat(file)).size <= MAX_FILE_BYTES) {
      lines = (await readFile(file, 'utf8')).split(/\r?\n/);
    }
  } catch {
    lines = null;
  }
  cache.set(file, lines);
  if (cache.size > MAX_CACHED_FILES) cache.delete(cache.keys().next().value!);
  return lines;
}

function clip(line: string): string {
  return line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)}…` : line;
}
