import type { FaultlineClient } from '../../../lib/client';

/** POST /api/0/auth/logout/: the cookie stops working at once, here and in every tab. */
export function logout(client: FaultlineClient): Promise<void> {
  return client.logout();
}
