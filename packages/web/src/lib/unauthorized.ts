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
  if (error instanceof ApiClientError && error.status === 401) {
    for (const listener of listeners) listener();
  }
}
