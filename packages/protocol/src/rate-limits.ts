/**
 * Rate limits as Sentry speaks them: `X-Sentry-Rate-Limits: <seconds>:<cat;cat>:<scope>[:<reason>], …`
 * (empty categories mean all), or a 429 with `Retry-After`. A bare 429 makes SDKs back off
 * everything for 60 s, so servers should always send the header.
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

const CATEGORY_BY_ITEM_TYPE: Record<string, DataCategory> = {
  event: 'error',
  transaction: 'transaction',
  attachment: 'attachment',
  session: 'session',
  sessions: 'session',
  profile: 'profile',
  profile_chunk: 'profile',
  replay_event: 'replay',
  replay_recording: 'replay',
  replay_video: 'replay',
  check_in: 'monitor',
  span: 'span',
  log: 'log_item',
  feedback: 'feedback',
  user_report: 'feedback',
  client_report: 'internal',
  statsd: 'metric_bucket',
  metric_buckets: 'metric_bucket',
  security: 'security',
  raw_security: 'security',
};

export function dataCategoryForItemType(type: string): DataCategory {
  return CATEGORY_BY_ITEM_TYPE[type] ?? 'default';
}

export interface RateLimit {
  retryAfterSeconds: number;
  /** Empty: every category. */
  categories: string[];
  scope: string;
  reasonCode?: string;
}

export function formatRateLimits(limits: RateLimit[]): string {
  return limits
    .map((limit) => {
      const base = `${Math.ceil(limit.retryAfterSeconds)}:${limit.categories.join(';')}:${limit.scope}`;
      return limit.reasonCode === undefined ? base : `${base}:${limit.reasonCode}`;
    })
    .join(', ');
}

export function parseRateLimits(header: string): RateLimit[] {
  const limits: RateLimit[] = [];
  for (const entry of header.split(',')) {
    const [seconds, categories, scope, reasonCode] = entry.trim().split(':');
    const retryAfterSeconds = Number(seconds);
    if (
      seconds === undefined ||
      seconds === '' ||
      !Number.isFinite(retryAfterSeconds) ||
      retryAfterSeconds < 0
    ) {
      continue;
    }
    const limit: RateLimit = {
      retryAfterSeconds,
      categories: (categories ?? '').split(';').filter((c) => c !== ''),
      scope: scope ?? '',
    };
    if (reasonCode !== undefined && reasonCode !== '') limit.reasonCode = reasonCode;
    limits.push(limit);
  }
  return limits;
}

/** Category → epoch ms until which it is disabled; the key `all` covers every category. */
export type RateLimitState = Record<string, number>;

const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Retry-After as seconds or an HTTP date; 60 s when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - nowMs);
}

export function updateRateLimitState(
  state: RateLimitState,
  response: { status: number; rateLimitsHeader?: string | null; retryAfterHeader?: string | null },
  nowMs: number,
): RateLimitState {
  const next: RateLimitState = { ...state };
  const extend = (category: string, until: number) => {
    next[category] = Math.max(next[category] ?? 0, until);
  };
  if (response.rateLimitsHeader) {
    for (const limit of parseRateLimits(response.rateLimitsHeader)) {
      const until = nowMs + limit.retryAfterSeconds * 1000;
      if (limit.categories.length === 0) extend('all', until);
      else for (const category of limit.categories) extend(category, until);
    }
  } else if (response.status === 429) {
    extend('all', nowMs + parseRetryAfter(response.retryAfterHeader, nowMs));
  }
  return next;
}

export function isRateLimited(state: RateLimitState, category: string, nowMs: number): boolean {
  return (state[category] ?? 0) > nowMs || (state['all'] ?? 0) > nowMs;
}
