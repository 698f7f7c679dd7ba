// STUB-INTERIM: replaced by the real normalizer.
import type { SentryEvent } from '@faultline/protocol';
export class NormalizeError extends Error {
  readonly code = 'event_not_object';
}
export interface NormalizeHints {
  eventId: string;
  receivedAt: number;
}
export function normalizeEvent(raw: unknown, hints: NormalizeHints): SentryEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new NormalizeError('not an object');
  const event = raw as Record<string, unknown>;
  const ex = event['exception'];
  return {
    ...event,
    ...(Array.isArray(ex) ? { exception: { values: ex } } : {}),
    event_id: hints.eventId,
    timestamp: typeof event['timestamp'] === 'number' ? event['timestamp'] : hints.receivedAt,
    platform: typeof event['platform'] === 'string' ? event['platform'] : 'other',
    level: (event['level'] as SentryEvent['level']) ?? 'error',
    environment: typeof event['environment'] === 'string' ? event['environment'] : 'production',
  } as SentryEvent;
}
