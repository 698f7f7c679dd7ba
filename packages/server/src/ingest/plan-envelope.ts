/**
 * Decides what happens to each item of an envelope, looking only at framing and sizes: the event
 * and its attachments go to the queue as they came; every other item type is counted as an
 * outcome (so nothing is silently pretended to be stored); client reports add the SDK's own
 * discard counts. No event JSON is parsed here (see json-shape.ts).
 */
import { isUtf8 } from 'node:buffer';
import { dataCategoryForItemType, serializeEnvelope } from '@faultline/protocol';
import type { Envelope, EnvelopeItem } from '@faultline/protocol';
import type { Outcome, QueueKind } from '../store/types.js';
import { ingestError } from './errors.js';
import { canonicalEventId, newEventId } from './event-id.js';
import { checkJsonShape } from './json-shape.js';
import { readClientReport } from './client-report.js';

export interface PayloadLimits {
  maxEventBytes: number;
  maxAttachmentBytes: number;
  maxJsonDepth: number;
}

export interface PlannedOutcome {
  category: string;
  outcome: Outcome;
  reason: string;
  quantity: number;
}

export interface IngestPlan {
  /** The id answered to the client; set when the envelope carries an event or names one. */
  eventId: string | undefined;
  hasEvent: boolean;
  /** Attachments kept with the event. */
  attachmentCount: number;
  queued: { kind: QueueKind; envelope: Uint8Array } | undefined;
  outcomes: PlannedOutcome[];
}

/** Checks an event payload enough that digest can always parse it safely. */
export function checkEventPayload(payload: Uint8Array, limits: PayloadLimits, what: string): void {
  if (payload.byteLength > limits.maxEventBytes) {
    throw ingestError('event_too_large', payload.byteLength, limits.maxEventBytes);
  }
  if (!isUtf8(payload)) throw ingestError('invalid_utf8', what);
  switch (checkJsonShape(payload, limits.maxJsonDepth)) {
    case 'object':
      return;
    case 'not_object':
      throw ingestError('event_not_object', what);
    case 'too_deep':
      throw ingestError('json_too_deep', what, limits.maxJsonDepth);
    case 'invalid':
      throw ingestError('json_invalid', what);
  }
}

/** The payload's own event_id, for the rare envelope whose header lacks one. */
function eventIdFromPayload(payload: Uint8Array, what: string): string {
  let parsed: { event_id?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8')) as { event_id?: unknown };
  } catch {
    throw ingestError('json_invalid', what);
  }
  return parsed.event_id === undefined ? newEventId() : canonicalEventId(parsed.event_id);
}

// Keys an envelope header never has but every event does: their presence means an event was
// posted to the envelope endpoint, where it would parse as a header-only envelope and vanish.
const EVENT_ONLY_KEYS = ['exception', 'message', 'logentry', 'platform', 'level', 'breadcrumbs'];

export function planEnvelope(
  body: Uint8Array,
  envelope: Envelope,
  limits: PayloadLimits,
): IngestPlan {
  if (envelope.items.length === 0 && EVENT_ONLY_KEYS.some((key) => key in envelope.headers)) {
    throw ingestError('envelope_is_event');
  }
  const outcomes: PlannedOutcome[] = [];
  const keep: EnvelopeItem[] = [];
  let eventItem: EnvelopeItem | undefined;
  envelope.items.forEach((item, index) => {
    const type = item.headers.type;
    if (type === 'event') {
      if (eventItem !== undefined) throw ingestError('multiple_events');
      checkEventPayload(item.payload, limits, `item ${index} (event)`);
      eventItem = item;
      keep.push(item);
    } else if (type === 'attachment') {
      if (item.payload.byteLength > limits.maxAttachmentBytes) {
        outcomes.push({
          category: 'attachment',
          outcome: 'invalid',
          reason: 'too_large',
          quantity: 1,
        });
      } else {
        keep.push(item);
      }
    } else if (type === 'client_report') {
      outcomes.push(...readClientReport(item.payload));
    } else {
      // Not stored (yet): say so in the outcome counts rather than pretend.
      outcomes.push({
        category: dataCategoryForItemType(type),
        outcome: 'filtered',
        reason: `unsupported_item_type:${type.slice(0, 32)}`,
        quantity: 1,
      });
    }
  });

  const headerId = envelope.headers.event_id;
  let eventId = headerId === undefined ? undefined : canonicalEventId(headerId);
  if (eventItem !== undefined && eventId === undefined)
    eventId = eventIdFromPayload(eventItem.payload, 'the event item');
  if (keep.length === 0 || eventId === undefined) {
    for (const item of keep) {
      outcomes.push({
        category: 'attachment',
        outcome: 'invalid',
        reason: 'no_event_id',
        quantity: 1,
      });
    }
    return { eventId, hasEvent: false, attachmentCount: 0, queued: undefined, outcomes };
  }
  // The common envelope (one event item and nothing else) is queued byte for byte.
  const queuedBytes =
    keep.length === envelope.items.length && headerId === eventId
      ? body
      : serializeEnvelope({ headers: { ...envelope.headers, event_id: eventId }, items: keep });
  return {
    eventId,
    hasEvent: eventItem !== undefined,
    attachmentCount: keep.length - (eventItem !== undefined ? 1 : 0),
    queued: { kind: eventItem !== undefined ? 'event' : 'attachments', envelope: queuedBytes },
    outcomes,
  };
}

/** The legacy store endpoint's body is one event; queue it as a one-item envelope. */
export function planStoreBody(body: Uint8Array, limits: PayloadLimits): IngestPlan {
  checkEventPayload(body, limits, 'the event');
  const eventId = eventIdFromPayload(body, 'the event');
  const envelope = serializeEnvelope({
    headers: { event_id: eventId },
    items: [{ headers: { type: 'event' }, payload: body }],
  });
  return {
    eventId,
    hasEvent: true,
    attachmentCount: 0,
    queued: { kind: 'event', envelope },
    outcomes: [],
  };
}
