/**
 * The words outcome rows may hold. Every distinct (category, outcome, reason) becomes a row per
 * project and hour, kept for the retention period, so the words a client can choose (client
 * report categories and reasons, unknown item types) are mapped onto fixed lists: Sentry's data
 * categories (else `unknown`) and its client discard reasons (else `other`). A client then can
 * neither fill the database with rows nor the stats page with junk.
 */
// Sentry's data categories (relay-base-schema's DataCategory), as clients name them in reports.
const DATA_CATEGORIES: ReadonlySet<string> = new Set([
  'default',
  'error',
  'transaction',
  'security',
  'attachment',
  'attachment_item',
  'session',
  'profile',
  'profile_chunk',
  'profile_duration',
  'replay',
  'replay_video',
  'monitor',
  'monitor_seat',
  'span',
  'log_item',
  'log_byte',
  'feedback',
  'user_report_v2',
  'internal',
  'metric_bucket',
  'metric',
  'trace_metric',
]);

// The client reports spec's discard reasons (develop.sentry.dev/sdk/telemetry/client-reports).
const CLIENT_DISCARD_REASONS: ReadonlySet<string> = new Set([
  'queue_overflow',
  'cache_overflow',
  'buffer_overflow',
  'ratelimit_backoff',
  'network_error',
  'sample_rate',
  'before_send',
  'event_processor',
  'send_error',
  'internal_sdk_error',
  'insufficient_data',
  'backpressure',
  'ignored',
  'invalid',
  'no_parent_span',
  'callback_error',
]);

// Item types Sentry defines; an unsupported one is named in its outcome's reason.
const ITEM_TYPES: ReadonlySet<string> = new Set([
  'transaction',
  'security',
  'raw_security',
  'nel',
  'form_data',
  'session',
  'sessions',
  'statsd',
  'metric_buckets',
  'metric_meta',
  'user_report',
  'feedback',
  'profile',
  'profile_chunk',
  'replay_event',
  'replay_recording',
  'replay_video',
  'check_in',
  'span',
  'otel_span',
  'log',
  'otel_log',
  'trace_metric',
  'unreal_report',
]);

export function outcomeCategory(category: string): string {
  return DATA_CATEGORIES.has(category) ? category : 'unknown';
}

export function clientDiscardReason(reason: string): string {
  return CLIENT_DISCARD_REASONS.has(reason) ? reason : 'other';
}

/** `unsupported_item_type:session`, or `…:other` for a type Sentry does not define. */
export function unsupportedItemTypeReason(type: string): string {
  return `unsupported_item_type:${ITEM_TYPES.has(type) ? type : 'other'}`;
}
