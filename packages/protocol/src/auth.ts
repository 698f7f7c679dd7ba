/**
 * Sentry authentication: `X-Sentry-Auth: Sentry sentry_key=…, sentry_version=7, …` (pairs in any
 * order, `sentry_secret` possible), or the same keys as query parameters, which is what
 * @sentry/node and @sentry/browser send.
 */
export interface SentryAuth {
  sentryKey?: string;
  sentrySecret?: string;
  sentryVersion?: string;
  sentryClient?: string;
}

const FIELDS: Record<string, keyof SentryAuth> = {
  sentry_key: 'sentryKey',
  sentry_secret: 'sentrySecret',
  sentry_version: 'sentryVersion',
  sentry_client: 'sentryClient',
};

/** Undefined when the header is not a Sentry auth header at all. */
export function parseAuthHeader(value: string): SentryAuth | undefined {
  const match = /^\s*sentry\s+(.*)$/is.exec(value);
  if (match === null) return undefined;
  const auth: SentryAuth = {};
  for (const pair of match[1]!.split(',')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim().toLowerCase();
    let fieldValue = pair.slice(equals + 1).trim();
    if (fieldValue.length >= 2 && fieldValue.startsWith('"') && fieldValue.endsWith('"')) {
      fieldValue = fieldValue.slice(1, -1);
    }
    const field = FIELDS[name];
    if (field !== undefined && fieldValue !== '') auth[field] = fieldValue;
  }
  return auth;
}

export function authFromQuery(params: URLSearchParams): SentryAuth {
  const auth: SentryAuth = {};
  for (const [name, field] of Object.entries(FIELDS)) {
    const value = params.get(name);
    if (value !== null && value !== '') auth[field] = value;
  }
  return auth;
}

export function formatAuthHeader(auth: SentryAuth): string {
  const pairs = Object.entries(FIELDS)
    .filter(([, field]) => auth[field] !== undefined)
    .map(([name, field]) => `${name}=${auth[field]}`);
  return `Sentry ${pairs.join(', ')}`;
}
