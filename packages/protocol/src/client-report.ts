/** Client reports: an SDK's own count of what it dropped (rate limits, full queues, sampling). */
export interface DiscardedEvent {
  reason: string;
  category: string;
  quantity: number;
}

export interface ClientReport {
  timestamp?: string | number;
  discarded_events?: DiscardedEvent[];
}
