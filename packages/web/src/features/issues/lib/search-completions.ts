/**
 * Completion for the search box: the keys of the search language (api/search/parse.ts), the
 * project's own tag keys, and the values of the keys that have a fixed set, offered for the
 * word being typed at the end.
 */
const KEYS = [
  'is:',
  'level:',
  'release:',
  'environment:',
  'user.email:',
  'user.id:',
  'user.username:',
  'user.ip:',
  'user:',
  'has:',
  'browser:',
  'os:',
  'runtime:',
  'server_name:',
  'device:',
  'events:',
  'users:',
  'age:',
  'first_seen:',
  'last_seen:',
] as const;

/**
 * The values offered per key. A Map: the key is whatever was typed, and in a plain object
 * `constructor:` or `__proto__:` would find Object.prototype's members (and blank the app).
 */
const VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ['is', ['unresolved', 'resolved', 'ignored', 'regressed']],
  ['level', ['fatal', 'error', 'warning', 'info', 'debug']],
  ['has', ['user', 'release', 'environment', 'user.email', 'browser', 'os']],
  ['age', ['-1h', '-24h', '-7d', '+30d']],
  ['first_seen', ['-1h', '-24h', '-7d']],
  ['last_seen', ['-1h', '-24h', '-7d', '+30d']],
  ['events', ['>10', '>100', '>1000']],
  ['users', ['>1', '>10', '>100']],
]);

export interface Completion {
  /** The whole query once chosen. */
  query: string;
  /** What the list shows. */
  label: string;
}

/** Suggestions for the last word of `query` (none while it is empty or a quoted phrase). */
export function completionsFor(query: string, tagKeys: readonly string[] = []): Completion[] {
  const start = query.search(/\S+$/);
  if (start === -1) return [];
  const word = query.slice(start);
  const before = query.slice(0, start);
  if (word.includes('"')) return [];
  const negation = /^[!-]/.exec(word)?.[0] ?? '';
  const bare = word.slice(negation.length);
  const colon = bare.indexOf(':');
  if (colon === -1) {
    // Keys the search language takes unquoted only: `key:` with a space or quote in it is not one.
    const custom = tagKeys.filter((key) => /^[\w.-]+$/.test(key)).map((key) => `${key}:`);
    return [...new Set([...KEYS, ...custom])]
      .filter((key) => key.startsWith(bare) && key !== bare)
      .slice(0, 8)
      .map((key) => ({ query: `${before}${negation}${key}`, label: key }));
  }
  const key = bare.slice(0, colon);
  const typed = bare.slice(colon + 1);
  return (VALUES.get(key) ?? [])
    .filter((value) => value.startsWith(typed) && value !== typed)
    .map((value) => ({ query: `${before}${negation}${key}:${value} `, label: `${key}:${value}` }));
}
