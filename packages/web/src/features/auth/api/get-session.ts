import { FaultlineClient } from '../../../lib/client';
import type { Session } from '../../../lib/session';

/** GET /api/0/auth/session/: after a reload the cookie is still there, the CSRF token is not. */
export async function getSession(): Promise<Session> {
  const { user, csrfToken } = await new FaultlineClient('').session();
  return { user, client: new FaultlineClient('', { csrfToken: csrfToken ?? undefined }) };
}
