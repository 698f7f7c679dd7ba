/**
 * The user interface. `id` is coerced to a string (SDKs send database ids as numbers). Keys the
 * protocol does not name go into `user.data`, as Sentry's User interface always did, so they are
 * scrubbed and shown with the rest of the user's data.
 */
import { isIP } from 'node:net';
import type { User } from '@faultline/protocol';
import { compact } from './compact.js';
import { isRecord, lenientStringOf, setOwn, stringOf } from './json-guards.js';
import {
  MAX_DATABAG_DEPTH,
  MAX_LABEL_CHARS,
  MAX_SMALL_BAG_BYTES,
  MAX_SYMBOL_CHARS,
} from './limits.js';
import { trimRecord } from './trim.js';

const NAMED_FIELDS = new Set(['id', 'email', 'username', 'ip_address', 'name', 'segment', 'data']);

export function normalizeUser(value: unknown): User | undefined {
  if (!isRecord(value)) return undefined;
  const data: Record<string, unknown> = isRecord(value['data']) ? { ...value['data'] } : {};
  for (const [key, field] of Object.entries(value))
    if (!NAMED_FIELDS.has(key) && field !== null && field !== undefined) setOwn(data, key, field);
  const user = compact({
    id: lenientStringOf(value['id'], MAX_SYMBOL_CHARS),
    email: stringOf(value['email'], MAX_SYMBOL_CHARS),
    username: lenientStringOf(value['username'], MAX_SYMBOL_CHARS),
    ip_address: ipAddressOf(value['ip_address']),
    name: stringOf(value['name'], MAX_SYMBOL_CHARS),
    segment: stringOf(value['segment'], MAX_LABEL_CHARS),
    data:
      Object.keys(data).length === 0
        ? undefined
        : trimRecord(data, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_SMALL_BAG_BYTES }),
  });
  return Object.keys(user).length === 0 ? undefined : user;
}

/**
 * A valid IPv4 or IPv6 address, else absent (Relay drops invalid ones too). `{{auto}}` asks the
 * server for the connection's address: client-ip.ts puts it in afterwards.
 */
function ipAddressOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const address = value.trim();
  return isIP(address) === 0 ? undefined : address;
}
