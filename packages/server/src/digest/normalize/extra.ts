/**
 * `extra`: arbitrary data attached by the app (`Sentry.setExtra`). Each value is trimmed on its
 * own first, so that one 40 kB blob (see the @sentry/node capture) cannot push every other value
 * out; then the whole bag is held to Sentry's overall size.
 */
import { isRecord, setOwn } from './json-guards.js';
import { MAX_DATABAG_DEPTH, MAX_EXTRA_BYTES, MAX_EXTRA_VALUE_BYTES } from './limits.js';
import { trimDatabag, trimRecord } from './trim.js';

export function normalizeExtra(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const extra: Record<string, unknown> = {};
  let budget = MAX_EXTRA_BYTES;
  for (const [key, item] of Object.entries(value)) {
    if (budget <= 0) break;
    budget -= key.length + MAX_DATABAG_DEPTH; // bounds the walk over a bag of millions of keys
    const trimmed = trimDatabag(item, {
      maxDepth: MAX_DATABAG_DEPTH - 1,
      maxBytes: MAX_EXTRA_VALUE_BYTES,
    });
    setOwn(extra, key, trimmed);
  }
  const trimmed = trimRecord(extra, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_EXTRA_BYTES });
  return Object.keys(trimmed).length === 0 ? undefined : trimmed;
}
