import type { FaultlineClient } from '../../../lib/client';

/** PUT /api/0/auth/password/: ends every session of this user, this one included. */
export function changePassword(
  client: FaultlineClient,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  return client.changeOwnPassword(currentPassword, newPassword);
}
