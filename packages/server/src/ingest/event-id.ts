import { randomUUID } from 'node:crypto';
import { ingestError } from './errors.js';

const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Event ids are 32 lowercase hex digits; some SDKs send a dashed or upper-case UUID. */
export function canonicalEventId(value: unknown): string {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (HEX32.test(lower)) return lower;
    if (UUID.test(lower)) return lower.replaceAll('-', '');
  }
  throw ingestError('event_id_invalid', String(value).slice(0, 64));
}

export function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}
