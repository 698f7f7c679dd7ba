/**
 * Which function scope of a minified file encloses a line and column: built once per file (and
 * cached with its parsed map), answered by a binary search and a short walk up the nesting.
 */
import { extractScopes } from './extract-scopes.js';
import type { NamePart, RawScope } from './extract-scopes.js';

export type ScopeLookup =
  | { kind: 'named'; name: NamePart[]; isConstructor: boolean }
  | { kind: 'anonymous' }
  /** Top-level code, or a position outside the file. */
  | { kind: 'global' };

/** A 0-based line and a 0-based UTF-16 column, as source maps count. */
export interface GeneratedPosition {
  line: number;
  column: number;
}

export class ScopeIndex {
  private readonly scopes: RawScope[];
  private readonly parents: Int32Array;
  private readonly lineStarts: Uint32Array;

  constructor(source: string) {
    this.lineStarts = lineStartsOf(source);
    // Outer scopes before the scopes they contain: by start, then the longest first.
    this.scopes = extractScopes(source).sort((a, b) => a.start - b.start || b.end - a.end);
    this.parents = parentsOf(this.scopes);
  }

  /**
   * Roughly what the index holds, for the parsed-map cache's budget: a scope, its name's parts
   * and its parent link take ~150 bytes of heap (measured by npm run bench:symbolicate).
   */
  get byteSize(): number {
    return this.lineStarts.byteLength + this.scopes.length * 160;
  }

  lookup(line: number, column: number): ScopeLookup {
    const offset = this.offsetOf(line, column);
    if (offset === undefined) return { kind: 'global' };
    let index = this.lastStartingAtOrBefore(offset);
    while (index >= 0) {
      const scope = this.scopes[index];
      if (scope !== undefined && offset < scope.end) {
        return scope.name === undefined || scope.name.length === 0
          ? { kind: 'anonymous' }
          : { kind: 'named', name: scope.name, isConstructor: scope.isConstructor };
      }
      index = this.parents[index] ?? -1;
    }
    return { kind: 'global' };
  }

  positionOf(offset: number): GeneratedPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: offset - (this.lineStarts[low] ?? 0) };
  }

  private offsetOf(line: number, column: number): number | undefined {
    const start = this.lineStarts[line];
    if (start === undefined) return undefined;
    const next = this.lineStarts[line + 1];
    const offset = start + column;
    return next !== undefined && offset >= next ? undefined : offset;
  }

  private lastStartingAtOrBefore(offset: number): number {
    let low = 0;
    let high = this.scopes.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.scopes[middle]?.start ?? 0) <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }
}

function lineStartsOf(source: string): Uint32Array {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1))
    starts.push(index + 1);
  return Uint32Array.from(starts);
}

/** Each scope's nearest enclosing scope, or -1. Scopes must be sorted outer-first. */
function parentsOf(scopes: readonly RawScope[]): Int32Array {
  const parents = new Int32Array(scopes.length).fill(-1);
  const open: number[] = [];
  scopes.forEach((scope, index) => {
    while (open.length > 0 && (scopes[open[open.length - 1] ?? 0]?.end ?? 0) <= scope.start)
      open.pop();
    parents[index] = open[open.length - 1] ?? -1;
    open.push(index);
  });
  return parents;
}
