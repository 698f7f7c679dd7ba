/**
 * Grouping version 2: v1's rules (v1.ts: fingerprint, then the exception chain, then the
 * message, then the title), with frames identified so that code without a name of its own is
 * still told apart. Released versions never change: a v3 goes beside this file.
 *
 * A frame is identified by its module (else its normalized file name, else its native package)
 * and by the first of these it has:
 *   1. its function name, unless the name means "no function" (`?`, `<anonymous>`,
 *      `Object.<anonymous>`, `<lambda>`, `<module>`, `{closure}`, …: usable-function-name.ts,
 *      which also drops V8's `async `/`new ` and Rails' per-process template numbers), and unless
 *      it is a minifier's one- or two-letter name (no source line, past column 1000: a minified
 *      line), which many functions of one bundle share;
 *   2. its source line (`context_line`), whitespace collapsed (sentry-python, @sentry/node), up to
 *      400 characters (v1: 120);
 *   3. only when it has neither, its line and column: a minified browser bundle
 *      (@sentry/browser, raven-js send `?` and no source) has nothing else, and without them
 *      every error thrown in one bundle would be one issue. They move with every build, so such
 *      issues start over with each deploy, until source maps give these frames their names.
 * A line number never counts when a function or a source line identifies the frame.
 *
 * An exception without a stack of its own takes its thread's (`thread_id`, else the one crashed
 * thread), as Sentry does for native and Cocoa crashes; v1 grouped those by their message.
 *
 * In app: frames the SDK marks `in_app`, with three corrections for SDKs that get it wrong:
 *   - code a browser extension injected into the page (`chrome-extension://`, `moz-extension://`,
 *     `safari-web-extension://`, …) is never the application's, even when the SDK, seeing the
 *     page's origin nowhere in it, cannot tell;
 *   - Python files of installed packages (`site-packages`, `dist-packages`) are never the
 *     application's: sentry-python 1.x marks Debian's `/usr/lib/python3/dist-packages` (Flask,
 *     Werkzeug) in app, so a framework upgrade would split every issue;
 *   - a Go closure of package `main` is the application's: raven-go marks package `main` in app
 *     but splits `main.main.func1` at its last dot into module `main.main`, which it does not.
 */
import type { ExceptionValue, SentryEvent, StackFrame } from '@faultline/protocol';
import { groupingComponent } from './component.js';
import type { GroupingComponent } from './component.js';
import { eventGrouping } from './event-grouping.js';
import { frameLocationComponent } from './frame-location.js';
import { sourceLineComponent } from './frame-source-line.js';
import { usableFunctionName } from './usable-function-name.js';

/**
 * Source lines past this are whole minified lines (every function of a bundle shares one). Shorter
 * long lines are real: @sentry/node cuts a long line to ~140 characters around the column
 * (`{snip}`), and a hand-written line past v1's 120 (an `await Promise.allSettled([...])`) is
 * still a better identity than its line number, which moves with every edit above it.
 */
const MAX_SOURCE_LINE = 400;
const BROWSER_EXTENSION = /^[a-z-]*extension:\/\//i;
const PYTHON_PACKAGE = /[\\/](?:site|dist)-packages[\\/]/;
/** No hand-written line is this long: past it, the code is minified. */
const MINIFIED_COLUMN = 1000;
const MANGLED_NAME = /(?:^|[.:>])[\w$]{1,2}$/;

export const groupEventV2 = eventGrouping({
  framesOf,
  isInApp(frame) {
    const filename = frame.abs_path ?? frame.filename ?? '';
    if (frame.in_app !== true) return isGoMainClosure(frame, filename);
    if (filename.endsWith('.py')) return !PYTHON_PACKAGE.test(filename);
    return !(filename.includes('extension://') && BROWSER_EXTENSION.test(filename));
  },
  frameParts(frame) {
    const parts: GroupingComponent[] = [];
    const location = frameLocationComponent(frame);
    if (location !== undefined) parts.push(location);
    const identity =
      functionComponent(frame) ?? sourceLineComponent(frame, MAX_SOURCE_LINE) ?? positionOf(frame);
    if (identity !== undefined) parts.push(identity);
    return parts;
  },
});

function isGoMainClosure(frame: StackFrame, filename: string): boolean {
  return frame.module?.startsWith('main.') === true && filename.endsWith('.go');
}

/**
 * Native and Cocoa SDKs (and sentry-ruby's thread reports) may put the crash's stack on its
 * thread, not on the exception: then the exception's thread (`thread_id`), else the one crashed
 * thread, gives the frames, as Sentry does. v1 grouped such crashes by their message alone.
 */
function framesOf(exception: ExceptionValue, event: SentryEvent): readonly StackFrame[] {
  const own = exception.stacktrace?.frames ?? [];
  if (own.length > 0) return own;
  const threads = event.threads?.values ?? [];
  const crashed = threads.filter((thread) => thread.crashed === true);
  const thread =
    exception.thread_id === undefined
      ? crashed.length === 1
        ? crashed[0]
        : undefined
      : threads.find((candidate) => candidate.id === exception.thread_id);
  return thread?.stacktrace?.frames ?? [];
}

/** The function name, else (a native frame whose function is `<unknown>`) the symbol's. */
function functionComponent(frame: StackFrame): GroupingComponent | undefined {
  for (const raw of [frame.function, frame.symbol]) {
    const name = raw === undefined ? undefined : usableFunctionName(raw);
    if (name === undefined || isMangled(name, frame)) continue;
    return groupingComponent('function', [name], {
      hint: name === raw ? undefined : `from ${raw}`,
    });
  }
  return undefined;
}

function isMangled(name: string, frame: StackFrame): boolean {
  return (
    (frame.colno ?? 0) > MINIFIED_COLUMN &&
    (frame.context_line ?? '').trim() === '' &&
    MANGLED_NAME.test(name)
  );
}

function positionOf(frame: StackFrame): GroupingComponent | undefined {
  if (frame.lineno === undefined) return undefined;
  const position = frame.colno === undefined ? `${frame.lineno}` : `${frame.lineno}:${frame.colno}`;
  return groupingComponent('line-column', [position], {
    hint:
      'no function name or source line: its line and column tell it apart ' +
      '(they change with each build)',
  });
}
