/**
 * Client reports (`client_report` items): an SDK's own count of what it dropped before sending —
 * sampled out, rate limited, queue full — so the server can show losses it never saw.
 */
export interface DiscardedEvent {
  /** `sample_rate`, `ratelimit_backoff`, `queue_overflow`, `network_error`, `before_send`, … */
  reason: string;
  /** A data category (`error`, `span`, …). */
  category: string;
  quantity: number;
}

export interface ClientReport {
  /** RFC 3339 or Unix seconds, depending on the SDK. */
  timestamp?: string | number;
  discarded_events?: DiscardedEvent[];
}
