/** People who log in: admins see and manage everything, members only their projects. */
import type { Sql, SqlRow } from '../store/sql.js';
import { numberColumn, placeholders, stringColumn } from '../store/sql.js';
import { hashPassword } from './password.js';

export type Role = 'admin' | 'member';
export const ROLES: readonly Role[] = ['admin', 'member'];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
}

export class DuplicateEmailError extends Error {
  override readonly name = 'DuplicateEmailError';
}

const USER_COLUMNS = 'id, email, name, role, created_at';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function userFromRow(row: SqlRow): User {
  const role = stringColumn(row, 'role');
  return {
    id: numberColumn(row, 'id'),
    email: stringColumn(row, 'email'),
    name: stringColumn(row, 'name'),
    role: role === 'admin' ? 'admin' : 'member',
    createdAt: numberColumn(row, 'created_at'),
  };
}

export async function countUsers(sql: Sql): Promise<number> {
  return numberColumn((await sql.get('SELECT count(*) AS n FROM users'))!, 'n');
}

export async function createUser(
  sql: Sql,
  user: { email: string; name?: string | undefined; password: string; role: Role },
): Promise<User> {
  const email = normalizeEmail(user.email);
  const passwordHash = await hashPassword(user.password);
  return sql.transaction(async (tx) => {
    // Checked first so the usual case is a clear error rather than a dialect's constraint text;
    // the unique index still decides between two concurrent creations.
    if (await tx.get('SELECT 1 FROM users WHERE email = ?', [email])) {
      throw new DuplicateEmailError(`a user with email ${email} already exists`);
    }
    await tx.run(
      'INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)',
      [email, user.name ?? '', passwordHash, user.role, Date.now() / 1000],
    );
    return userFromRow(
      (await tx.get(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`, [email]))!,
    );
  });
}

export async function getUser(sql: Sql, userId: number): Promise<User | undefined> {
  const row = await sql.get(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [userId]);
  return row && userFromRow(row);
}

/** The user and their password hash, for logging in. */
export async function findLogin(
  sql: Sql,
  email: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await sql.get(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = ?`, [
    normalizeEmail(email),
  ]);
  return row && { user: userFromRow(row), passwordHash: stringColumn(row, 'password_hash') };
}

export async function listUsers(sql: Sql): Promise<User[]> {
  return (await sql.all(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`)).map(userFromRow);
}

/** What a new password ended: every session of the user, and their API tokens. */
export interface CredentialsEnded {
  sessionsEnded: number;
  tokensRevoked: number;
}

/**
 * A new password logs out every browser that knew the old one and revokes every API token made
 * with it: whoever learnt the old password (or a token) keeps nothing. `keepTokenId` spares the
 * token that made a change of its owner's own password, who proved they knew the current one.
 */
export async function updateUser(
  sql: Sql,
  userId: number,
  changes: { name?: string | undefined; role?: Role | undefined; password?: string | undefined },
  options: { keepTokenId?: number | undefined } = {},
): Promise<CredentialsEnded> {
  const set: string[] = [];
  const values: Array<string | number> = [];
  if (changes.name !== undefined) (set.push('name = ?'), values.push(changes.name));
  if (changes.role !== undefined) (set.push('role = ?'), values.push(changes.role));
  if (changes.password !== undefined) {
    (set.push('password_hash = ?'), values.push(await hashPassword(changes.password)));
  }
  const ended: CredentialsEnded = { sessionsEnded: 0, tokensRevoked: 0 };
  if (set.length === 0) return ended;
  await sql.transaction(async (tx) => {
    await tx.run(`UPDATE users SET ${set.join(', ')} WHERE id = ?`, [...values, userId]);
    if (changes.password === undefined) return;
    ended.sessionsEnded = await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    ended.tokensRevoked = await tx.run('DELETE FROM api_tokens WHERE user_id = ? AND id <> ?', [
      userId,
      options.keepTokenId ?? 0,
    ]);
  });
  return ended;
}

export async function deleteUser(sql: Sql, userId: number): Promise<boolean> {
  return (await sql.run('DELETE FROM users WHERE id = ?', [userId])) > 0;
}

/** The projects a member was given; admins see every project without being members. */
export async function memberProjectIds(sql: Sql, userId: number): Promise<number[]> {
  const rows = await sql.all('SELECT project_id FROM project_members WHERE user_id = ?', [userId]);
  return rows.map((row) => numberColumn(row, 'project_id'));
}

/** Every member's projects at once, for the list of users (one query, not one per user). */
export async function allMemberships(sql: Sql): Promise<Map<number, number[]>> {
  const rows = await sql.all('SELECT user_id, project_id FROM project_members ORDER BY project_id');
  const memberships = new Map<number, number[]>();
  for (const row of rows) {
    const userId = numberColumn(row, 'user_id');
    const projects = memberships.get(userId);
    if (projects === undefined) memberships.set(userId, [numberColumn(row, 'project_id')]);
    else projects.push(numberColumn(row, 'project_id'));
  }
  return memberships;
}

export async function setMemberships(sql: Sql, userId: number, projectIds: readonly number[]) {
  await sql.transaction(async (tx) => {
    await tx.run('DELETE FROM project_members WHERE user_id = ?', [userId]);
    if (projectIds.length === 0) return;
    await tx.run(
      `INSERT INTO project_members (project_id, user_id)
       SELECT id, ? FROM projects WHERE id IN (${placeholders(projectIds.length)})`,
      [userId, ...projectIds],
    );
  });
}
