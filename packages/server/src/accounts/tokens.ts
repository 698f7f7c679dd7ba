/**
 * API tokens for scripts and the CLI (`Authorization: Bearer flt_…`): shown once when created,
 * stored as a hash, revocable, with the time each was last used.
 *
 * A scope caps what a token may do; it never adds to what its user's role allows.
 * read: GET only. write: also change issues and events. admin: also projects, keys, users.
 */
import { refuseOverCap } from '../count-limit.js';
import type { CountCap } from '../count-limit.js';
import type { Sql, SqlRow } from '../store/sql.js';
import { numberColumn, optionalNumberColumn, stringColumn } from '../store/sql.js';
import { TOKEN_PREFIX, hashSecret, newSecret } from './secrets.js';

export type Scope = 'read' | 'write' | 'admin';
export const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

export function scopeAllows(granted: Scope, needed: Scope): boolean {
  return SCOPES.indexOf(granted) >= SCOPES.indexOf(needed);
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  scope: Scope;
  /** The secret's first characters, to tell tokens apart in a list. */
  hint: string;
  createdAt: number;
  lastUsedAt: number | undefined;
}

/** A person's scripts and CI jobs, with room to spare; it keeps the token list one short page. */
export const TOKENS_PER_USER: CountCap = {
  what: 'API tokens',
  owner: 'a user',
  limit: 100,
  table: 'api_tokens',
  ownerColumn: 'user_id',
};

const TOKEN_COLUMNS = 'id, user_id, name, scope, hint, created_at, last_used_at';
const TOUCH_INTERVAL_SECONDS = 60;
const HINT_LENGTH = TOKEN_PREFIX.length + 4;

function tokenFromRow(row: SqlRow): ApiToken {
  const scope = stringColumn(row, 'scope');
  return {
    id: numberColumn(row, 'id'),
    userId: numberColumn(row, 'user_id'),
    name: stringColumn(row, 'name'),
    scope: SCOPES.find((known) => known === scope) ?? 'read',
    hint: stringColumn(row, 'hint'),
    createdAt: numberColumn(row, 'created_at'),
    lastUsedAt: optionalNumberColumn(row, 'last_used_at'),
  };
}

/** Throws CountLimitError when the user has their TOKENS_PER_USER already. */
export async function createToken(
  sql: Sql,
  userId: number,
  name: string,
  scope: Scope,
): Promise<{ token: ApiToken; secret: string }> {
  const secret = newSecret(TOKEN_PREFIX);
  const secretHash = hashSecret(secret);
  await sql.transaction(async (tx) => {
    await refuseOverCap(tx, TOKENS_PER_USER, userId);
    await tx.run(
      `INSERT INTO api_tokens (user_id, name, secret_hash, hint, scope, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [userId, name, secretHash, secret.slice(0, HINT_LENGTH), scope, Date.now() / 1000],
    );
  });
  const row = await sql.get(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE secret_hash = ?`, [
    secretHash,
  ]);
  return { token: tokenFromRow(row!), secret };
}

/** The token a bearer secret names, recording that it was used. */
export async function findToken(
  sql: Sql,
  secret: string,
  now = Date.now() / 1000,
): Promise<ApiToken | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const secretHash = hashSecret(secret);
  const row = await sql.get(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE secret_hash = ?`, [
    secretHash,
  ]);
  if (row === undefined) return undefined;
  const token = tokenFromRow(row);
  if (token.lastUsedAt === undefined || token.lastUsedAt < now - TOUCH_INTERVAL_SECONDS) {
    await sql.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, token.id]);
    token.lastUsedAt = now;
  }
  return token;
}

export async function listTokens(sql: Sql, userId: number): Promise<ApiToken[]> {
  const rows = await sql.all(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id`,
    [userId],
  );
  return rows.map(tokenFromRow);
}

/** Revokes one of `userId`'s tokens: false when they have no such token. */
export async function revokeToken(sql: Sql, userId: number, tokenId: number): Promise<boolean> {
  return (
    (await sql.run('DELETE FROM api_tokens WHERE id = ? AND user_id = ?', [tokenId, userId])) > 0
  );
}
