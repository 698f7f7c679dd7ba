import { ApiClientError } from './client';

/**
 * A 401 from any call means the session ended (logout elsewhere, expiry, a password change):
 * the app listens here and shows the login form instead of an error in every panel.
 */
const listeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportUnauthorized(error: unknown): void {
  // A wrong current password (PUT auth/password/) is a 401 too, but the session lives on.
  if (
    error instanceof ApiClientError &&
    error.status === 401 &&
    error.code !== 'invalid_credentials'
  ) {
    for (const listener of listeners) listener();
  }
}

/** The session was ended on purpose (a password change): show the login form now. */
export function reportSessionEnded(): void {
  for (const listener of listeners) listener();
}
