/**
 * The lines around a mapped frame, from the map's `sourcesContent`: what makes a JavaScript
 * stack readable in the event view. Long lines are cut around the column, as Sentry does, so
 * that a line of bundled code does not fill the page.
 */
import type { StackFrame } from '@faultline/protocol';
import { MAX_CONTEXT_LINE_CHARS } from '../normalize/limits.js';
import { truncate } from '../normalize/json-guards.js';

const LINE_WINDOW = 150;

export function applySourceContext(
  frame: StackFrame,
  lines: readonly string[],
  lineno: number,
  colno: number | undefined,
  around: number,
): void {
  const index = lineno - 1;
  const line = lines[index];
  if (line === undefined) return;
  frame.context_line = trimLine(line, colno);
  frame.pre_context = lines.slice(Math.max(0, index - around), index).map((l) => trimLine(l));
  frame.post_context = lines.slice(index + 1, index + 1 + around).map((l) => trimLine(l));
}

/** At most LINE_WINDOW characters, centred on the column when there is one. */
function trimLine(line: string, colno?: number): string {
  if (line.length <= LINE_WINDOW) return line;
  if (colno === undefined) return truncate(line, Math.min(LINE_WINDOW, MAX_CONTEXT_LINE_CHARS));
  const start = Math.max(0, Math.min(colno - 1 - LINE_WINDOW / 2, line.length - LINE_WINDOW));
  const end = start + LINE_WINDOW;
  return `${start > 0 ? '{snip} ' : ''}${line.slice(start, end)}${end < line.length ? ' {snip}' : ''}`;
}
