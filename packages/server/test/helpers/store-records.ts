/** Builders of what the Store is given, for the storage conformance suites. */
import { encodeEventPayload } from '../../src/store/payload-codec.js';
import type { Store } from '../../src/store/store.js';
import type {
  ClaimedEnvelope,
  DigestedEvent,
  EventAttachment,
  QueuedEnvelope,
} from '../../src/store/types.js';
import { newEventId } from './envelopes.js';

export const HOUR = 3600;
export const T0 = 1_764_000_000; // an hour boundary

export function digested(projectId: number, overrides: Partial<DigestedEvent> = {}): DigestedEvent {
  const eventId = overrides.eventId ?? newEventId();
  return {
    projectId,
    eventId,
    receivedAt: T0,
    timestamp: T0,
    level: 'error',
    platform: 'node',
    release: 'app@1',
    environment: 'production',
    userKey: 'id:u1',
    title: 'Error: boom',
    culprit: 'app in handler',
    type: 'Error',
    value: 'boom',
    groupingVersion: 'v1',
    groupingHash: 'a'.repeat(32),
    groupingComponents: { id: 'exception' },
    secondaryGroupingHash: undefined,
    tags: [
      ['environment', 'production'],
      ['feature', 'checkout'],
    ],
    payload: encodeEventPayload(JSON.stringify({ event_id: eventId })),
    ...overrides,
  };
}

export function queued(projectId: number, overrides: Partial<QueuedEnvelope> = {}): QueuedEnvelope {
  return {
    projectId,
    eventId: newEventId(),
    kind: 'event',
    receivedAt: T0,
    envelope: new Uint8Array([0x7b, 0x7d, 0x0a]),
    ...overrides,
  };
}

/** A small attachment of an event (or of one that never came), received at `receivedAt`. */
export function attachment(
  projectId: number,
  eventId: string,
  receivedAt: number,
): EventAttachment {
  return {
    projectId,
    eventId,
    receivedAt,
    filename: 'log.txt',
    contentType: 'text/plain',
    attachmentType: undefined,
    data: new Uint8Array([1, 2, 3]),
  };
}

/** Queues one entry per event and claims them, as ingest and then a digest worker would. */
export async function claimFor(
  store: Store,
  events: ReadonlyArray<{ projectId: number; eventId: string; receivedAt: number }>,
): Promise<ClaimedEnvelope[]> {
  const unique = new Map(events.map((e) => [`${e.projectId}:${e.eventId}`, e]));
  const entries = [...unique.values()].map((e) =>
    queued(e.projectId, { eventId: e.eventId, receivedAt: e.receivedAt }),
  );
  await store.enqueue(entries);
  return store.claimBatch(entries.length);
}

/** The whole path of a batch through the queue: enqueue, claim, complete, prune. */
export async function persistEvents(
  store: Store,
  events: DigestedEvent[],
  attachments: EventAttachment[] = [],
): Promise<void> {
  const claimed = await claimFor(store, events);
  await store.completeBatch(claimed, { events, attachments });
  await store.pruneQueue();
}
