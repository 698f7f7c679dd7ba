import { MAX_LOOKUP_CHARS } from './limits.js';

const HEX32 = /^[0-9a-f]{32}$/;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 32 lowercase hex digits, from that form or a dashed / upper-case UUID (some SDKs send those). */
export function canonicalEventId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LOOKUP_CHARS) return undefined;
  const lower = value.trim().toLowerCase();
  if (HEX32.test(lower)) return lower;
  if (DASHED_UUID.test(lower)) return lower.replaceAll('-', '');
  return undefined;
}
