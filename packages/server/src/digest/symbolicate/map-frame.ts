/**
 * One frame through its parsed map: original file, line, column, function name, source context
 * and in-app, rewritten in place. The minified frame survives in `raw_stacktrace`.
 */
import type { StackFrame } from '@faultline/protocol';
import { traceSegment } from '@jridgewell/trace-mapping';
import { markMapped } from './frame-data.js';
import type { ResolvedWith } from './frame-data.js';
import { filenameOf, inAppOf, joinSourcePath, moduleOf } from './frame-paths.js';
import { functionNameOf } from './function-name.js';
import type { ParsedMap } from './parsed-map.js';
import { applySourceContext } from './source-context.js';
import { unmapped } from './unmapped-reason.js';
import type { UnmappedReason } from './unmapped-reason.js';

export interface MapFrameInput {
  frame: StackFrame;
  /** The frame's minified file, line and column (1-based), already checked. */
  minifiedPath: string;
  lineno: number;
  colno: number;
  map: ParsedMap;
  resolvedWith: ResolvedWith;
  /** The map's label for `data.sourcemap`. */
  label: string;
  callSiteName: string | undefined;
  contextLines: number;
}

export type MapFrameResult =
  /** `tokenName`: the original name at this frame's position, the call-site name for its callee. */
  { ok: true; tokenName: string | undefined } | { ok: false; reason: UnmappedReason };

export function mapFrame(input: MapFrameInput): MapFrameResult {
  const { frame, map, minifiedPath, lineno, colno } = input;
  const line = lineno - 1;
  const column = colno - 1;
  const original = originalOf(map, line, column);
  if (original === undefined) {
    return {
      ok: false,
      reason: unmapped(
        'no_mapping',
        `the map (${input.label}) has no mapping at line ${lineno}, column ${colno} ` +
          `of ${minifiedPath}: was it built from this file?`,
      ),
    };
  }
  const { source, sourceIndex, line: originalLine, column: originalColumn, tokenName } = original;
  const absPath = joinSourcePath(minifiedPath, source);
  const filename = filenameOf(absPath);
  const name = functionNameOf({
    map,
    line,
    column,
    sent: frame.function,
    callSiteName: input.callSiteName,
  });
  const inApp = inAppOf(absPath, filename, frame.in_app);

  frame.abs_path = absPath;
  frame.filename = filename;
  frame.lineno = originalLine + 1;
  frame.colno = originalColumn + 1;
  if (name === undefined) delete frame.function;
  else frame.function = name;
  if (frame.module !== undefined) frame.module = moduleOf(absPath);
  if (inApp === undefined) delete frame.in_app;
  else frame.in_app = inApp;
  // The SDK's context lines, if any, were of the minified file.
  delete frame.context_line;
  delete frame.pre_context;
  delete frame.post_context;
  const lines = map.sourceLines(sourceIndex);
  if (lines !== undefined)
    applySourceContext(frame, lines, frame.lineno, frame.colno, input.contextLines);
  markMapped(frame, input.resolvedWith, input.label);
  return { ok: true, tokenName: tokenName ?? undefined };
}

interface OriginalPosition {
  source: string;
  sourceIndex: number;
  /** 0-based, as in the map. */
  line: number;
  column: number;
  tokenName: string | undefined;
}

/** The segment at or before the position, if it points into a source the map lists. */
function originalOf(map: ParsedMap, line: number, column: number): OriginalPosition | undefined {
  const segment = traceSegment(map.trace, line, column);
  if (segment === null || segment.length === 1) return undefined;
  const [, sourceIndex, originalLine, originalColumn] = segment;
  const source = map.trace.resolvedSources[sourceIndex];
  if (source === undefined || originalLine < 0 || originalColumn < 0) return undefined;
  const tokenName = segment.length === 5 ? map.trace.names[segment[4]] : undefined;
  return { source, sourceIndex, line: originalLine, column: originalColumn, tokenName };
}
