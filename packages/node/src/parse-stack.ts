/**
 * V8 stack traces → Sentry frames, oldest first (V8 prints the frame that threw first).
 *
 *     at fn (/app/a.js:1:2)          at /app/a.js:1:2          at async fn (file:///app/a.mjs:1:2)
 *     at new Cart (C:\app\a.js:1:2)  at Array.map (<anonymous>) at Array.forEach (native)
 *     at eval (eval at run (/app/a.js:3:5), <anonymous>:1:1)
 */
import { fileURLToPath } from 'node:url';
import type { StackFrame } from '@faultline/protocol';
import { moduleFromFilename } from './module-from-filename.js';

export interface ParseStackOptions {
  /** Path prefixes or substrings that mark a frame in-app even inside node_modules. */
  inAppInclude?: readonly string[];
  /** Path prefixes or substrings that mark a frame not in-app. */
  inAppExclude?: readonly string[];
  /** The app's root, for module names; defaults to the working directory. */
  root?: string;
}

// Lazy function part: "Foo.bar [as baz]" and "eval" stop at the first " (".
const FRAME_LINE = /^\s*at (?:(.+?) \((.*)\)|(.+))$/;
const POSITION = /^(.*?):(\d+):(\d+)$/;
// "eval at run (/app/a.js:3:5), <anonymous>:1:1": report where eval was called.
const EVAL_ORIGIN = /^eval at [^(]*\((.*?):(\d+):(\d+)\)/;
const MAX_LINE_LENGTH = 1024;

export function parseStack(stack: string, options: ParseStackOptions = {}): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    if (line.length > MAX_LINE_LENGTH) continue;
    const frame = parseStackLine(line, options);
    if (frame !== undefined) frames.push(frame);
  }
  return frames.reverse();
}

export function parseStackLine(
  line: string,
  options: ParseStackOptions = {},
): StackFrame | undefined {
  const match = FRAME_LINE.exec(line);
  if (match === null) return undefined;
  const rawFunction = match[1];
  const location = (match[2] ?? match[3] ?? '').trim();

  let filename = location;
  let lineno: number | undefined;
  let colno: number | undefined;
  const origin = EVAL_ORIGIN.exec(location);
  const position = origin === null ? POSITION.exec(location) : origin;
  if (position !== null) {
    filename = position[1] ?? '';
    lineno = Number(position[2]);
    colno = Number(position[3]);
  }
  if (filename.startsWith('file://')) filename = pathFromFileUrl(filename);

  const frame: StackFrame = { filename, function: functionName(rawFunction) };
  const module = moduleFromFilename(filename, options.root);
  if (module !== undefined) frame.module = module;
  if (lineno !== undefined) frame.lineno = lineno;
  if (colno !== undefined) frame.colno = colno;
  frame.in_app = isInApp(filename, options);
  return frame;
}

function functionName(raw: string | undefined): string {
  if (raw === undefined) return '?';
  // "async fn" is an await continuation of fn: the function is the same.
  const name = raw.startsWith('async ') ? raw.slice(6) : raw;
  return name === '' || name === '<anonymous>' ? '?' : name;
}

function pathFromFileUrl(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]|^\\\\/;

export function isInApp(filename: string, options: ParseStackOptions = {}): boolean {
  if (options.inAppExclude?.some((part) => filename.includes(part)) === true) return false;
  if (options.inAppInclude?.some((part) => filename.includes(part)) === true) return true;
  // Only real files can be app code: not node:*, "native", "<anonymous>", "index 0", internal/*.
  const absolute = filename.startsWith('/') || WINDOWS_ABSOLUTE.test(filename);
  if (!absolute) return false;
  return !filename.includes('/node_modules/') && !filename.includes('\\node_modules\\');
}
