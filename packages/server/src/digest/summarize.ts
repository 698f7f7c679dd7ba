// STUB-INTERIM
import type { SentryEvent } from '@faultline/protocol';
export interface EventSummary {
  title: string;
  culprit: string;
  type?: string;
  value?: string;
}
export function summarizeEvent(event: SentryEvent): EventSummary {
  const last = event.exception?.values.at(-1);
  if (last)
    return { title: last.value ? `${last.type}: ${last.value}` : String(last.type), culprit: '' };
  return {
    title: String(event.logentry?.formatted ?? event['message'] ?? '<unlabeled event>'),
    culprit: '',
  };
}
