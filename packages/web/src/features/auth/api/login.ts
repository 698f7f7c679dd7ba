import { FaultlineClient } from '../../../lib/client';
import type { Session } from '../../../lib/session';

/**
 * POST /api/0/auth/login/: the browser keeps the HttpOnly session cookie; the CSRF token in the
 * answer goes into the client that makes this session's writes.
 */
export async function login(email: string, password: string): Promise<Session> {
  const { user, csrfToken } = await new FaultlineClient('').login(email, password);
  return { user, client: new FaultlineClient('', { csrfToken }) };
}
