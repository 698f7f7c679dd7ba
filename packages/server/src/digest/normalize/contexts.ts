/**
 * Contexts (`os`, `runtime`, `device`, `app`, `trace`, `browser`, …): an object of objects. Each
 * context is a free-form databag capped at 8 kB serialized, as Sentry does; a context that is not
 * an object is dropped.
 */
import { isRecord, setOwn, truncate } from './json-guards.js';
import { MAX_CONTEXT_BYTES, MAX_DATABAG_DEPTH, MAX_LABEL_CHARS } from './limits.js';
import { trimRecord } from './trim.js';

export function normalizeContexts(
  value: unknown,
): Record<string, Record<string, unknown>> | undefined {
  if (!isRecord(value)) return undefined;
  const contexts: Record<string, Record<string, unknown>> = {};
  for (const [name, context] of Object.entries(value)) {
    if (!isRecord(context)) continue;
    setOwn(
      contexts,
      truncate(name, MAX_LABEL_CHARS),
      trimRecord(context, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_CONTEXT_BYTES }),
    );
  }
  return Object.keys(contexts).length === 0 ? undefined : contexts;
}
