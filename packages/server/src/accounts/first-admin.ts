/**
 * On a database with no users, the first start creates an admin, so the UI and API can be used
 * at once: the password is FAULTLINE_ADMIN_PASSWORD's, or generated and printed once.
 */
import type { Sql } from '../store/sql.js';
import { generatePassword } from './password.js';
import { DuplicateEmailError, countUsers, createUser } from './users.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@faultline.local';

export interface FirstAdmin {
  email: string;
  /** Set when this call created the admin with a generated password, to be shown once. */
  generatedPassword: string | undefined;
}

export async function ensureFirstAdmin(
  sql: Sql,
  given: { email?: string | undefined; password?: string | undefined },
): Promise<FirstAdmin | undefined> {
  if ((await countUsers(sql)) > 0) return undefined;
  const email = given.email ?? DEFAULT_ADMIN_EMAIL;
  const password = given.password ?? generatePassword();
  try {
    await createUser(sql, { email, password, role: 'admin' });
  } catch (error) {
    // Another node starting on the same empty database created it first.
    if (error instanceof DuplicateEmailError || (await countUsers(sql)) > 0) return undefined;
    throw error;
  }
  return { email, generatedPassword: given.password === undefined ? password : undefined };
}
