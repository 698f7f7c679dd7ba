/**
 * Sentry authentication: `X-Sentry-Auth: Sentry sentry_version=7, sentry_client=…, sentry_key=…`
 * (sentry-python, Go, Rust), or the same keys as query parameters (@sentry/node and
 * @sentry/browser, which cannot set headers on cross-origin beacons).
 */
export interface SentryAuth {
  sentryKey?: string;
  /** Deprecated; raven-era SDKs still send it. */
  sentrySecret?: string;
  sentryVersion?: string;
  sentryClient?: string;
}

// In the order the SDKs write them. A Map, not an object: names come from the request, and
// `__proto__` or `constructor` must not find anything.
const FIELDS = new Map<string, keyof SentryAuth>([
  ['sentry_version', 'sentryVersion'],
  ['sentry_client', 'sentryClient'],
  ['sentry_key', 'sentryKey'],
  ['sentry_secret', 'sentrySecret'],
]);

const SCHEME = /^\s*sentry(?:\s+|$)/i;

/**
 * Pairs may come in any order, with or without spaces around `,` and `=`, and quoted; unknown
 * pairs (raven's `sentry_timestamp`) are ignored. Undefined when the value is not a Sentry auth
 * header at all (another scheme, or no scheme).
 */
export function parseAuthHeader(value: string): SentryAuth | undefined {
  const scheme = SCHEME.exec(value);
  if (scheme === null) return undefined;
  const auth: SentryAuth = {};
  for (const pair of value.slice(scheme[0].length).split(',')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const field = FIELDS.get(pair.slice(0, equals).trim().toLowerCase());
    if (field === undefined) continue;
    const fieldValue = unquote(pair.slice(equals + 1).trim());
    if (fieldValue !== '') auth[field] = fieldValue;
  }
  return auth;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

export function authFromQuery(params: URLSearchParams): SentryAuth {
  const auth: SentryAuth = {};
  for (const [name, field] of FIELDS) {
    const value = params.get(name);
    if (value !== null && value !== '') auth[field] = value;
  }
  return auth;
}

/** Values are written bare: keys, versions and client names never contain `,` or `"`. */
export function formatAuthHeader(auth: SentryAuth): string {
  const pairs: string[] = [];
  for (const [name, field] of FIELDS) {
    const value = auth[field];
    if (value !== undefined) pairs.push(`${name}=${value}`);
  }
  return pairs.length === 0 ? 'Sentry' : `Sentry ${pairs.join(', ')}`;
}
