import type { SentryEvent } from '@faultline/protocol';

/**
 * Identifies the user an event affected, for the distinct-user count: the most specific
 * of id, email, username and IP address that the event carries.
 */
export function userKeyOf(event: SentryEvent): string | undefined {
  const user = event.user;
  if (user === undefined) return undefined;
  for (const field of ['id', 'email', 'username', 'ip_address'] as const) {
    const value = user[field];
    if (typeof value === 'string' && value.length > 0) return `${field}:${value}`;
  }
  return undefined;
}
