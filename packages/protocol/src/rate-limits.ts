/**
 * Rate limits as Sentry speaks them: `X-Sentry-Rate-Limits: <seconds>:<cat;cat>:<scope>[:<reason>], …`
 * (no categories means all of them), on any response, or a 429 with `Retry-After`. The server
 * formats the header; SDKs (Faultline's own included) keep a `RateLimitState` from responses.
 */
export type DataCategory =
  | 'default'
  | 'error'
  | 'transaction'
  | 'security'
  | 'attachment'
  | 'session'
  | 'profile'
  | 'replay'
  | 'monitor'
  | 'span'
  | 'log_item'
  | 'feedback'
  | 'internal'
  | 'metric_bucket';

/** The category an envelope item is counted and limited under. */
export function dataCategoryForItemType(type: string): DataCategory {
  // A switch, not an object lookup: the type comes from the request, and `__proto__` or
  // `constructor` must land in `default` like any other unknown type.
  switch (type) {
    case 'event':
      return 'error';
    case 'transaction':
      return 'transaction';
    case 'attachment':
      return 'attachment';
    case 'session':
    case 'sessions':
      return 'session';
    case 'profile':
    case 'profile_chunk':
      return 'profile';
    case 'replay_event':
    case 'replay_recording':
    case 'replay_video':
      return 'replay';
    case 'check_in':
      return 'monitor';
    case 'span':
      return 'span';
    case 'log':
      return 'log_item';
    case 'feedback':
    case 'user_report':
      return 'feedback';
    case 'client_report':
      return 'internal';
    case 'statsd':
    case 'metric_buckets':
      return 'metric_bucket';
    // Relay's names for CSP/HPKP/Expect-CT reports, before and after parsing.
    case 'security':
    case 'raw_security':
      return 'security';
    default:
      return 'default';
  }
}

export interface RateLimit {
  retryAfterSeconds: number;
  /** Empty: every category. */
  categories: string[];
  /** `key`, `project` or `organization`. */
  scope: string;
  reasonCode?: string;
}

/** `60:error;default:key:quota_exceeded, 10::organization`. */
export function formatRateLimits(limits: RateLimit[]): string {
  return limits
    .map((limit) => {
      // Whole seconds, rounded up: a 0.5 s limit written as 0 would not hold the SDK back at all.
      const seconds = Math.ceil(Math.max(0, limit.retryAfterSeconds));
      const entry = `${seconds}:${limit.categories.join(';')}:${limit.scope}`;
      return limit.reasonCode === undefined ? entry : `${entry}:${limit.reasonCode}`;
    })
    .join(', ');
}

const SECONDS = /^\d+(?:\.\d+)?$/;

/** Lenient, like the SDKs: a malformed entry is skipped, the others still count. */
export function parseRateLimits(header: string): RateLimit[] {
  const limits: RateLimit[] = [];
  for (const entry of header.split(',')) {
    // A fifth field (metric namespaces, sent by Relay for metric_bucket) is ignored.
    const [seconds = '', categories = '', scope = '', reasonCode = ''] = entry
      .split(':')
      .map((part) => part.trim());
    if (!SECONDS.test(seconds)) continue;
    const limit: RateLimit = {
      retryAfterSeconds: Number(seconds),
      categories: categories
        .split(';')
        .map((category) => category.trim())
        .filter((category) => category !== ''),
      scope,
    };
    if (reasonCode !== '') limit.reasonCode = reasonCode;
    limits.push(limit);
  }
  return limits;
}

/** Category → epoch ms until which it is disabled; the key `all` covers every category. */
export type RateLimitState = Record<string, number>;

const ALL = 'all';
// What the SDKs do on a 429 that says nothing more.
const DEFAULT_BACKOFF_MS = 60_000;

/**
 * `Retry-After` as milliseconds from `nowMs`: delta seconds or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  const text = value?.trim() ?? '';
  if (SECONDS.test(text)) return Number(text) * 1000;
  // HTTP dates always name the month; Date.parse alone reads "-5" or "1.2.3" as dates in 2001.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The state after a response: `X-Sentry-Rate-Limits` wins when present; otherwise a 429 disables
 * everything for its `Retry-After`, or 60 s without one. Limits already expired are dropped. A
 * category named again is overwritten rather than extended, as @sentry/core and sentry-python
 * do, so the server can shorten a limit.
 */
export function updateRateLimitState(
  state: RateLimitState,
  response: { status: number; rateLimitsHeader?: string | null; retryAfterHeader?: string | null },
  nowMs: number,
): RateLimitState {
  const updates = new Map<string, number>();
  // Within one response, two entries for a category (key and organization quotas): the longer.
  const raise = (category: string, untilMs: number) => {
    updates.set(category, Math.max(updates.get(category) ?? 0, untilMs));
  };
  // A header with no readable entry counts as absent, so a 429 still backs off.
  const limits = parseRateLimits(response.rateLimitsHeader ?? '');
  for (const limit of limits) {
    const untilMs = nowMs + limit.retryAfterSeconds * 1000;
    if (limit.categories.length === 0) raise(ALL, untilMs);
    else for (const category of limit.categories) raise(category, untilMs);
  }
  if (limits.length === 0 && response.status === 429) {
    const delayMs = parseRetryAfter(response.retryAfterHeader, nowMs) ?? DEFAULT_BACKOFF_MS;
    raise(ALL, nowMs + delayMs);
  }
  const next: RateLimitState = {};
  for (const [category, untilMs] of Object.entries(state)) {
    if (untilMs > nowMs) next[category] = untilMs;
  }
  for (const [category, untilMs] of updates) next[category] = untilMs;
  return next;
}

export function isRateLimited(state: RateLimitState, category: string, nowMs: number): boolean {
  return disabledUntil(state, category) > nowMs || disabledUntil(state, ALL) > nowMs;
}

// Own keys only: the category may come from a server header, and `constructor` is no limit.
function disabledUntil(state: RateLimitState, category: string): number {
  return Object.hasOwn(state, category) ? (state[category] ?? 0) : 0;
}
