/**
 * The tag pairs counted per issue (the distributions an issue page shows): the event's own tags,
 * plus values derived from well-known fields and contexts.
 */
import type { SentryEvent } from '@faultline/protocol';
import { userKeyOf } from './user-key.js';

const MAX_TAG_LENGTH = 200;

function nameAndVersion(context: Record<string, unknown> | undefined): string | undefined {
  if (context === undefined) return undefined;
  const name = context['name'];
  if (typeof name !== 'string' || name.length === 0) return undefined;
  const version = context['version'];
  return typeof version === 'string' && version.length > 0 ? `${name} ${version}` : name;
}

export function issueTagsOf(event: SentryEvent): Array<[string, string]> {
  const tags = new Map<string, string>();
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' && value.length > 0)
      tags.set(key, value.slice(0, MAX_TAG_LENGTH));
  };
  for (const [key, value] of Object.entries(event.tags ?? {})) put(key, value);
  put('level', event.level);
  put('environment', event.environment);
  put('release', event.release);
  put('server_name', event.server_name);
  put('runtime', nameAndVersion(event.contexts?.['runtime']));
  put('os', nameAndVersion(event.contexts?.['os']));
  put('browser', nameAndVersion(event.contexts?.['browser']));
  put('device', nameAndVersion(event.contexts?.['device']));
  // Who was affected, for search (`user:id:42`, `has:user`, `user.email:…`): `user` is the same
  // identifier the distinct-user count uses; the others are the fields the event carries.
  put('user', userKeyOf(event));
  put('user.id', event.user?.id);
  put('user.email', event.user?.email);
  put('user.username', event.user?.username);
  put('user.ip', event.user?.ip_address);
  return [...tags];
}
