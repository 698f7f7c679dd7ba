/**
 * Password hashing with scrypt (Node's own; memory-hard, so a stolen database is slow to crack).
 * The hash records its parameters, so they can be raised later without breaking old accounts:
 * `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { inPasswordGate } from './password-gate.js';

const LOG2_N = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
/** Longer passwords only cost hashing time; nobody types more. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 8;

/** Throws PasswordChecksBusyError when too many are being derived already (password-gate.ts). */
function derive(password: string, salt: Buffer, log2N: number, r: number, p: number) {
  const N = 2 ** log2N;
  return inPasswordGate(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        // maxmem: scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is just below ours.
        scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG2_N, BLOCK_SIZE, PARALLELISM);
  return [
    'scrypt',
    LOG2_N,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

/** False for a wrong password and for a hash this code did not write. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algorithm, log2N, r, p, salt, hash] = stored.split('$');
  if (algorithm !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const params = [Number(log2N), Number(r), Number(p)] as const;
  if (!params.every((n) => Number.isInteger(n) && n > 0 && n < 32)) return false;
  const actual = await derive(
    password.slice(0, MAX_PASSWORD_LENGTH),
    Buffer.from(salt, 'base64'),
    ...params,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password for the first admin when none was given: 20 characters anyone can type. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
