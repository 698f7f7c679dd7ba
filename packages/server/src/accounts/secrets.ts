/**
 * Session and API-token secrets: 32 random bytes, handed to the client once and stored only as
 * their SHA-256 (a fast hash is enough for a secret this long; it cannot be guessed, only stolen).
 */
import { createHash, randomBytes } from 'node:crypto';

/** API tokens carry a prefix, so a leaked one is recognizable (and secret scanners can find it). */
export const TOKEN_PREFIX = 'flt_';

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
