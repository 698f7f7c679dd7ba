/**
 * Threads (native and mobile SDKs, sentry-ruby's crashed thread, Java's thread dumps), and where a
 * legacy top-level `stacktrace` goes: raven clients sent the stack of a captured message (the
 * python sample) or of an exception as `sentry.interfaces.Stacktrace` beside the other interfaces.
 */
import type { ExceptionValue, Stacktrace, Thread } from '@faultline/protocol';
import { compact } from './compact.js';
import { booleanOf, integerOf, isRecord, stringOf, valuesOf } from './json-guards.js';
import { MAX_SYMBOL_CHARS } from './limits.js';
import { normalizeStacktrace } from './stacktrace.js';

export function normalizeThreads(value: unknown): { values: Thread[] } | undefined {
  const values: Thread[] = [];
  for (const raw of valuesOf(value)) {
    if (!isRecord(raw)) continue;
    const thread = compact({
      id: integerOf(raw['id']) ?? stringOf(raw['id'], MAX_SYMBOL_CHARS),
      name: stringOf(raw['name'], MAX_SYMBOL_CHARS),
      crashed: booleanOf(raw['crashed']),
      current: booleanOf(raw['current']),
      main: booleanOf(raw['main']),
      stacktrace: normalizeStacktrace(raw['stacktrace']),
    });
    if (Object.keys(thread).length > 0) values.push(thread);
  }
  return values.length === 0 ? undefined : { values };
}

export interface PlacedStacktrace {
  exception: { values: ExceptionValue[] } | undefined;
  threads: { values: Thread[] } | undefined;
}

/**
 * Puts a top-level stack trace where the modern protocol has it, as Sentry does: into the only
 * exception when that one has no stack of its own; else into the crashed (or current) thread
 * when that one has none; else into a new thread (marked current: it is the capturing thread).
 */
export function placeLoneStacktrace(
  stacktrace: Stacktrace | undefined,
  placed: PlacedStacktrace,
): PlacedStacktrace {
  if (stacktrace === undefined) return placed;
  const exceptions = placed.exception?.values ?? [];
  const onlyException = exceptions.length === 1 ? exceptions[0] : undefined;
  if (onlyException !== undefined && onlyException.stacktrace === undefined) {
    onlyException.stacktrace = stacktrace;
    return placed;
  }
  const threads = placed.threads?.values ?? [];
  const target =
    threads.find((thread) => thread.crashed === true) ?? threads.find((t) => t.current);
  if (target !== undefined && target.stacktrace === undefined) {
    target.stacktrace = stacktrace;
    return placed;
  }
  return { ...placed, threads: { values: [...threads, { current: true, stacktrace }] } };
}
