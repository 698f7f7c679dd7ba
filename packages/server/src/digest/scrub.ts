// STUB-INTERIM
import type { SentryEvent } from '@faultline/protocol';
export interface ScrubOptions {
  enabled: boolean;
  extraFields: readonly string[];
}
export function scrubEvent(event: SentryEvent, _options: ScrubOptions): SentryEvent {
  return event;
}
