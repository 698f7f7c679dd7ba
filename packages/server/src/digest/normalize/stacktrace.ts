/**
 * Stack traces and frames, oldest frame first (the frame that threw is last), as every SDK sends
 * them. Fields are type-checked one by one; a frame with nothing usable is dropped, and so is a
 * stack trace left without frames. Long stacks keep their oldest and newest frames.
 */
import type { StackFrame, Stacktrace } from '@faultline/protocol';
import { compact } from './compact.js';
import { booleanOf, integerOf, isRecord, setOwn, stringOf, truncate } from './json-guards.js';
import {
  MAX_CONTEXT_LINE_CHARS,
  MAX_CONTEXT_LINES,
  MAX_DATABAG_DEPTH,
  MAX_FRAMES,
  MAX_LABEL_CHARS,
  MAX_PATH_CHARS,
  MAX_REGISTERS,
  MAX_SMALL_BAG_BYTES,
  MAX_SYMBOL_CHARS,
} from './limits.js';
import { entriesOf } from './pairs.js';
import { trimRecord } from './trim.js';

export function normalizeStacktrace(value: unknown): Stacktrace | undefined {
  if (!isRecord(value) || !Array.isArray(value['frames'])) return undefined;
  const frames: StackFrame[] = [];
  for (const raw of value['frames']) {
    const frame = normalizeFrame(raw);
    if (frame !== undefined) frames.push(frame);
  }
  if (frames.length === 0) return undefined;
  const trimmed = trimFrames(frames);
  return compact({
    frames: trimmed.frames,
    frames_omitted: trimmed.omitted ?? framesOmittedOf(value['frames_omitted']),
    registers: registersOf(value['registers']),
  });
}

/**
 * Keeps the oldest half and the newest half of a long stack: the newest frames show where it
 * failed, the oldest how it got there (the entry point); the middle is usually recursion or
 * framework plumbing. `frames_omitted` records the dropped range, as raven-python did.
 */
function trimFrames(frames: StackFrame[]): { frames: StackFrame[]; omitted?: [number, number] } {
  if (frames.length <= MAX_FRAMES) return { frames };
  const head = Math.floor(MAX_FRAMES / 2);
  const tail = MAX_FRAMES - head;
  return {
    frames: [...frames.slice(0, head), ...frames.slice(frames.length - tail)],
    omitted: [head, frames.length - tail],
  };
}

function framesOmittedOf(value: unknown): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const start = integerOf(value[0]);
  const end = integerOf(value[1]);
  return start !== undefined && end !== undefined && start <= end ? [start, end] : undefined;
}

export function normalizeFrame(value: unknown): StackFrame | undefined {
  if (!isRecord(value)) return undefined;
  const abs_path = stringOf(value['abs_path'], MAX_PATH_CHARS);
  const frame = compact({
    filename: stringOf(value['filename'], MAX_PATH_CHARS) ?? filenameFromAbsPath(abs_path),
    abs_path,
    function: functionNameOf(value['function']),
    raw_function: stringOf(value['raw_function'], MAX_SYMBOL_CHARS),
    symbol: functionNameOf(value['symbol']),
    module: stringOf(value['module'], MAX_SYMBOL_CHARS),
    package: stringOf(value['package'], MAX_PATH_CHARS),
    platform: stringOf(value['platform'], MAX_LABEL_CHARS),
    // Line and column are 1-based; the Unity SDK sends -1 for "unknown".
    lineno: integerOf(value['lineno'], 0),
    colno: integerOf(value['colno'], 0),
    context_line: contextLineOf(value['context_line']),
    pre_context: contextLinesOf(value['pre_context'], 'nearest-last'),
    post_context: contextLinesOf(value['post_context'], 'nearest-first'),
    in_app: booleanOf(value['in_app']),
    vars: varsOf(value['vars']),
    instruction_addr: addressOf(value['instruction_addr']),
    symbol_addr: addressOf(value['symbol_addr']),
    image_addr: addressOf(value['image_addr']),
  });
  return Object.keys(frame).length === 0 ? undefined : frame;
}

/** `?` is what V8 and several SDKs write for an anonymous function; Relay drops it, so do we. */
function functionNameOf(value: unknown): string | undefined {
  const name = stringOf(value, MAX_SYMBOL_CHARS);
  return name === '?' ? undefined : name;
}

/** Old browser SDKs sent only `abs_path`; Sentry shows the URL's path as the file name. */
function filenameFromAbsPath(absPath: string | undefined): string | undefined {
  if (absPath === undefined) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/i.exec(absPath);
  return url?.[1] !== undefined && url[1] !== '/' ? url[1] : absPath;
}

function contextLineOf(value: unknown): string | undefined {
  return typeof value === 'string' ? truncate(value, MAX_CONTEXT_LINE_CHARS) : undefined;
}

/** Lines around the current one; when too many, those nearest to it are kept. */
function contextLinesOf(
  value: unknown,
  order: 'nearest-first' | 'nearest-last',
): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const kept =
    order === 'nearest-last' ? value.slice(-MAX_CONTEXT_LINES) : value.slice(0, MAX_CONTEXT_LINES);
  // sentry-python sends null for lines it could not read; the UI still needs them to count.
  const lines = kept.map((line) =>
    typeof line === 'string' ? truncate(line, MAX_CONTEXT_LINE_CHARS) : '',
  );
  return lines.length === 0 ? undefined : lines;
}

/**
 * Frame variables are an object; a few SDKs send a list, which Relay turns into index keys. Only
 * the items that can fit are turned into keys: each costs at least 5 bytes of the bag's budget
 * (`"0":1,`), so a megabyte-long list does not become an object of half a million keys first.
 */
function varsOf(value: unknown): Record<string, unknown> | undefined {
  const source = Array.isArray(value)
    ? Object.fromEntries(
        value.slice(0, Math.ceil(MAX_SMALL_BAG_BYTES / 4)).map((v, i) => [String(i), v]),
      )
    : value;
  if (!isRecord(source) || Object.keys(source).length === 0) return undefined;
  return trimRecord(source, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_SMALL_BAG_BYTES });
}

/** Native addresses: `"0x1a2b"` as sent, or a number (some SDKs), written in hex. */
function addressOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    return `0x${value.toString(16)}`;
  return stringOf(value, 64);
}

function registersOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const registers: Record<string, string> = {};
  for (const [name, raw] of entriesOf(value, MAX_REGISTERS)) {
    const address = addressOf(raw);
    if (address !== undefined) setOwn(registers, truncate(name, 32), address);
  }
  return Object.keys(registers).length === 0 ? undefined : registers;
}
