/**
 * Scrubs a free-form databag: the value under a sensitive key becomes `[Filtered]` whatever it
 * is (an object of secrets included); every other string is searched for secrets by shape, and
 * numbers that are card numbers (some apps store them as numbers) are filtered too.
 */
import { isRecord, setOwn } from '../normalize/json-guards.js';
import { FILTERED, filterText, isCardNumber } from './filter-text.js';
import type { KeyMatcher } from './sensitive-key.js';

/** Normalized events are 10 levels deep at most; deeper input is filtered rather than walked. */
const MAX_DEPTH = 64;

export function scrubDatabag(value: unknown, isSensitiveKey: KeyMatcher, depth = 0): unknown {
  if (typeof value === 'string') return filterText(value);
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && isCardNumber(String(Math.abs(value))) ? FILTERED : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return FILTERED;
  if (Array.isArray(value))
    return value.map((item) => scrubDatabag(item, isSensitiveKey, depth + 1));
  const out: Record<string, unknown> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value))
    setOwn(
      out,
      key,
      isSensitiveKey(key) ? FILTERED : scrubDatabag(item, isSensitiveKey, depth + 1),
    );
  return out;
}

/** `scrubDatabag` for a bag that must stay an object. */
export function scrubRecord(
  record: Record<string, unknown>,
  isSensitiveKey: KeyMatcher,
): Record<string, unknown> {
  const scrubbed = scrubDatabag(record, isSensitiveKey);
  return isRecord(scrubbed) ? scrubbed : {};
}
