/**
 * V8 stack traces → Sentry frames, oldest first (V8 prints the frame that threw first). Every
 * shape V8 prints, with what @sentry/node 11 makes of it where we differ:
 *
 *     at fn (/app/a.js:1:2)                 at /app/a.js:1:2 (an anonymous function)
 *     at async fn (file:///app/a.mjs:1:2)   at async file:///app/a.mjs:1:2 (an anonymous async
 *                                           function after an await: Express's `async (req, res)`)
 *     at new Cart (C:\app\a.js:1:2)         at f (file:///C:/app/a.mjs:1:2)
 *     at Object.<anonymous> (/app/a.js:1:2) (a CommonJS module's top level: `Object.?`, as Sentry)
 *     at Cart.total [as sum] (/app/a.js:1:2)
 *     at Array.map (<anonymous>)            at Array.forEach (native)   at <anonymous>
 *     at async Promise.all (index 0)        at node:internal/main/run_main_module:28:49
 *     at eval (eval at run (/app/a.js:3:5), <anonymous>:1:1) (where eval was called: Sentry
 *                                           keeps the whole "eval at …" text as the file name)
 */
import type { StackFrame } from '@faultline/protocol';
import { isInApp } from './is-in-app.js';
import type { InAppOptions } from './is-in-app.js';
import { moduleFromFilename } from './module-from-filename.js';

export interface ParseStackOptions extends InAppOptions {
  /** The app's root, for module names; defaults to the working directory. */
  root?: string;
}

// `async ` marks an await continuation: the function (or the anonymous location) follows it.
// The function part is lazy: "Foo.bar [as baz]" and "eval" stop at the first " (".
const FRAME_LINE = /^\s*at (?:async )?(?:(.+?) \((.*)\)|(.+))$/;
const POSITION = /^(.*?):(\d+):(\d+)$/;
const EVAL_CALL_SITE = /^(.*?):(\d+):(\d+)\)/;
const WINDOWS_DRIVE_URL_PATH = /^\/[A-Za-z]:\//;
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
  const location = (match[2] ?? match[3] ?? '').trim();

  let filename = location;
  let lineno: number | undefined;
  let colno: number | undefined;
  const position = location.startsWith('eval at ')
    ? evalCallSite(location)
    : POSITION.exec(location);
  if (position !== null) {
    filename = position[1] ?? '';
    lineno = Number(position[2]);
    colno = Number(position[3]);
  }
  if (filename.startsWith('file://')) filename = pathFromFileUrl(filename);

  const frame: StackFrame = { filename, function: functionName(match[1]) };
  const module = moduleFromFilename(filename, options.root);
  if (module !== undefined) frame.module = module;
  if (lineno !== undefined) frame.lineno = lineno;
  if (colno !== undefined) frame.colno = colno;
  frame.in_app = isInApp(filename, options);
  return frame;
}

/**
 * "eval at run (/app/a.js:3:5), <anonymous>:1:1" → the place eval was called; nested evals
 * ("eval at a (eval at b (/app/a.js:3:5), <anonymous>:1:1), <anonymous>:2:2") lead to the
 * outermost real file.
 */
function evalCallSite(location: string): RegExpExecArray | null {
  let rest = location;
  while (rest.startsWith('eval at ')) {
    const open = rest.indexOf('(');
    if (open < 0) return null;
    rest = rest.slice(open + 1);
  }
  return EVAL_CALL_SITE.exec(rest);
}

// "<anonymous>" alone or as a method ("Object.<anonymous>") means no name: "?", as Sentry writes it.
function functionName(raw: string | undefined): string {
  if (raw === undefined || raw === '' || raw === '<anonymous>') return '?';
  return raw.endsWith('.<anonymous>') ? `${raw.slice(0, -'<anonymous>'.length)}?` : raw;
}

/**
 * The path as the platform that printed the URL writes it, whatever platform parses it:
 * `file:///C:/app/a.mjs` → `C:\app\a.mjs`, as Windows prints CommonJS frames (Node's
 * fileURLToPath would read that URL as `/C:/app/a.mjs` on Linux and refuse `file:///app` on Windows).
 */
function pathFromFileUrl(url: string): string {
  let path: string;
  try {
    path = decodeURIComponent(url.slice('file://'.length));
  } catch {
    return url;
  }
  if (WINDOWS_DRIVE_URL_PATH.test(path)) return path.slice(1).replaceAll('/', '\\');
  // file://server/share/a.js: a Windows UNC path.
  if (!path.startsWith('/')) return `\\\\${path.replaceAll('/', '\\')}`;
  return path;
}
