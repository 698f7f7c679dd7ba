/**
 * What a frame says about its symbolication, in `frame.data` as Sentry's JavaScript processing
 * writes it (`symbolicated`, `resolved_with`, `sourcemap`), plus the reason a frame stayed
 * minified (unmapped-reason.ts), which Sentry only reports per event.
 */
import type { StackFrame } from '@faultline/protocol';
import type { UnmappedReason } from './unmapped-reason.js';

export type ResolvedWith = 'debug-id' | 'release';

export function markMapped(frame: StackFrame, resolvedWith: ResolvedWith, sourcemap: string): void {
  frame.data = { ...frame.data, symbolicated: true, resolved_with: resolvedWith, sourcemap };
}

export function markUnmapped(frame: StackFrame, reason: UnmappedReason): void {
  frame.data = {
    ...frame.data,
    symbolicated: false,
    unmapped_reason: reason.code,
    unmapped_detail: reason.detail,
  };
}
