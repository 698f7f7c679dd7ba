/**
 * Browser sessions: the cookie holds a random secret, the database its hash. Each session has
 * its own CSRF token, which the web UI sends back in a header on every write (api/csrf.ts).
 */
import { RETENTION_BATCH_ROWS, inBatches } from '../store/retention.js';
import type { Sql } from '../store/sql.js';
import { numberColumn, stringColumn } from '../store/sql.js';
import { hashSecret, newSecret } from './secrets.js';

export const SESSION_LIFETIME_SECONDS = 30 * 24 * 3600;
/** last_used_at is refreshed at most this often, so reads don't each cost a write. */
const TOUCH_INTERVAL_SECONDS = 60;

export interface Session {
  userId: number;
  csrfToken: string;
  /** Identifies the session in the database (the secret's hash): logout deletes by it. */
  secretHash: string;
}

export async function createSession(
  sql: Sql,
  userId: number,
  now = Date.now() / 1000,
): Promise<{ secret: string; session: Session }> {
  const secret = newSecret();
  const session = { userId, csrfToken: newSecret(), secretHash: hashSecret(secret) };
  await sql.run(
    `INSERT INTO sessions (secret_hash, user_id, csrf_token, created_at, last_used_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [session.secretHash, userId, session.csrfToken, now, now, now + SESSION_LIFETIME_SECONDS],
  );
  return { secret, session };
}

/** The live session a cookie's secret opens, or undefined (unknown, expired, logged out). */
export async function findSession(
  sql: Sql,
  secret: string,
  now = Date.now() / 1000,
): Promise<Session | undefined> {
  const secretHash = hashSecret(secret);
  const row = await sql.get(
    'SELECT user_id, csrf_token, last_used_at FROM sessions WHERE secret_hash = ? AND expires_at > ?',
    [secretHash, now],
  );
  if (row === undefined) return undefined;
  if (numberColumn(row, 'last_used_at') < now - TOUCH_INTERVAL_SECONDS) {
    await sql.run('UPDATE sessions SET last_used_at = ? WHERE secret_hash = ?', [now, secretHash]);
  }
  return {
    userId: numberColumn(row, 'user_id'),
    csrfToken: stringColumn(row, 'csrf_token'),
    secretHash,
  };
}

export async function deleteSession(sql: Sql, secretHash: string): Promise<void> {
  await sql.run('DELETE FROM sessions WHERE secret_hash = ?', [secretHash]);
}

/** Deletes the sessions past their expiry, a batch at a time; resolves to how many went. */
export async function deleteExpiredSessions(sql: Sql, now = Date.now() / 1000): Promise<number> {
  return inBatches(() =>
    sql.run(
      `DELETE FROM sessions WHERE secret_hash IN (
         SELECT secret_hash FROM sessions WHERE expires_at <= ? LIMIT ${RETENTION_BATCH_ROWS})`,
      [now],
    ),
  );
}
