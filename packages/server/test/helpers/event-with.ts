import type { SentryEvent } from '@faultline/protocol';

/** A minimal normalized event with `fields` on top, for tests of digest steps. */
export function eventWith(fields: Partial<SentryEvent>): SentryEvent {
  return {
    event_id: '0123456789abcdef0123456789abcdef',
    timestamp: 1767225600,
    platform: 'node',
    level: 'error',
    environment: 'production',
    ...fields,
  };
}
