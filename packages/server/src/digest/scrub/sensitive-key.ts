/**
 * Which keys hold secrets. Matching is by substring, case-insensitive and ignoring separators,
 * so one word covers `api_key`, `apiKey`, `API-KEY` and `x-api-key`, and `token` covers
 * `access_token` and `X-CSRF-Token`. Like Sentry's default scrubber, this errs on the side of
 * filtering: `auth` also matches `author`.
 */
const DEFAULT_SENSITIVE_WORDS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'auth',
  'cookie', // also set-cookie, cookies
  'session',
  'csrf',
  'xsrf',
  'credential',
  'privatekey',
];

export type KeyMatcher = (key: string) => boolean;

export function sensitiveKeyMatcher(extraFields: readonly string[]): KeyMatcher {
  const words = [...DEFAULT_SENSITIVE_WORDS, ...extraFields.map(squash)].filter(
    (word) => word !== '', // an empty extra field would match every key
  );
  return (key) => {
    const squashed = squash(key);
    return words.some((word) => squashed.includes(word));
  };
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_.-]+/g, '');
}
