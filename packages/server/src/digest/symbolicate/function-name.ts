/**
 * The original name of the function a frame is in, as Sentry names it
 * (symbolicator-js `get_function_for_token`): the function scope that encloses the position in
 * the minified file, its name's identifiers renamed through the map (`n.total` → `Cart.total`,
 * a constructor `new Cart`). An anonymous scope, or webpack's wrapper, falls back to the caller's
 * call-site token — in `a.b(c)` the caller's frame points at `b`, whose original name is the
 * callee's — and then to the name the frame had.
 *
 * The token at the frame's own position is not the answer: in minified code it is usually the
 * function being called there (or nothing), not the one running.
 */
import { traceSegment } from '@jridgewell/trace-mapping';
import type { NamePart } from './scopes/extract-scopes.js';
import type { ParsedMap } from './parsed-map.js';

const USELESS_NAMES = new Set(['<anonymous>', '__webpack_require__', '__webpack_modules__']);

export interface FunctionNameInput {
  map: ParsedMap;
  /** 0-based line and column in the minified file. */
  line: number;
  column: number;
  /** The minified name the frame came with. */
  sent: string | undefined;
  /** The original name at the calling frame's position, if that frame was mapped. */
  callSiteName: string | undefined;
}

export function functionNameOf(input: FunctionNameInput): string | undefined {
  const { map, line, column, sent, callSiteName } = input;
  const scope = map.scopes?.lookup(line, column);
  let name: string | undefined;
  if (scope === undefined)
    name = undefined; // no minified file uploaded: no scopes to read
  else if (scope.kind === 'named')
    name = foldName(scopeNameOf(map, scope.name, scope.isConstructor));
  else if (scope.kind === 'anonymous') name = '<anonymous>';
  else name = sent;
  if (name !== undefined && !USELESS_NAMES.has(name)) return name;
  if (callSiteName !== undefined && callSiteName !== '') return callSiteName;
  return sent ?? name;
}

function scopeNameOf(map: ParsedMap, parts: readonly NamePart[], isConstructor: boolean): string {
  const scopes = map.scopes;
  const renamed = parts.map((part) => {
    if (scopes === undefined) return part.text;
    const { line, column } = scopes.positionOf(part.offset);
    return originalNameAt(map, line, column) ?? part.text;
  });
  return (isConstructor ? 'new ' : '') + renamed.join('.');
}

/**
 * The original name of the identifier starting exactly at a position: only a segment that starts
 * there names it (the segment before it would name a neighbouring token).
 */
export function originalNameAt(map: ParsedMap, line: number, column: number): string | undefined {
  const segment = traceSegment(map.trace, line, column);
  if (segment === null || segment[0] !== column || segment.length !== 5) return undefined;
  return map.trace.names[segment[4]] ?? undefined;
}

/** `a.b.b.b.c` → `a.{b#3}.c`, as Sentry folds repeated namespaces. */
export function foldName(name: string): string {
  const parts = name.split('.');
  if (parts.length < 3) return name;
  const tail = parts.pop();
  const groups: Array<{ part: string; count: number }> = [];
  for (const part of parts) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.part === part) last.count++;
    else groups.push({ part, count: 1 });
  }
  const folded = groups.map((g) => (g.count === 1 ? g.part : `{${g.part}#${g.count}}`));
  return `${folded.join('.')}.${tail}`;
}
