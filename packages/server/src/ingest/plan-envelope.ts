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
import { OutcomeSums, outcomeWordsKey } from '../store/outcome-sums.js';
import { unsupportedItemTypeReason } from './outcome-vocabulary.js';

export interface PayloadLimits {
  maxEventBytes: number;
  maxAttachmentBytes: number;
  maxJsonDepth: number;
  /** Items of any type in one envelope; more are refused while parsing (parseEnvelope). */
  maxEnvelopeItems: number;
  /** Attachment items in one envelope (Relay bounds their combined size; we bound both). */
  maxAttachmentsPerEnvelope: number;
}

export interface PlannedOutcome {
  category: string;
  outcome: Outcome;
  reason: string;
  quantity: number;
}

export interface AttachmentsSize {
  count: number;
  /** Payload bytes: what the project's attachment allowance counts. */
  bytes: number;
}

export interface IngestPlan {
  /** The id answered to the client; set when the envelope carries an event or names one. */
  eventId: string | undefined;
  hasEvent: boolean;
  /** Attachments kept with the event (or queued on their own, to join it). */
  attachments: AttachmentsSize;
  queued: { kind: QueueKind; envelope: Uint8Array } | undefined;
  /** The queued envelope with the event alone, for when its attachments are over the allowance. */
  withoutAttachments: (() => Uint8Array) | undefined;
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

// What an envelope header holds (Relay's EnvelopeHeaders as SDKs send them). A header-only
// "envelope" with any other key is a legacy single-JSON event posted to the envelope endpoint
// (raven-era SDKs and Sentry's own samples: `sentry.interfaces.Exception`, `request`, …): it is
// stored as the event it is, as /store/ would, never answered 200 and dropped.
const ENVELOPE_HEADER_KEYS: ReadonlySet<string> = new Set([
  'event_id',
  'dsn',
  'sdk',
  'sent_at',
  'trace',
]);

function isLegacyEvent(envelope: Envelope): boolean {
  if (envelope.items.length > 0) return false;
  for (const key in envelope.headers) if (!ENVELOPE_HEADER_KEYS.has(key)) return true;
  return false;
}

/**
 * Distinct outcome words one request may add: the words come from a fixed vocabulary
 * (outcome-vocabulary.ts), so this is the second line, should a new source forget it.
 */
const MAX_OUTCOME_KEYS_PER_REQUEST = 64;

export function planEnvelope(
  body: Uint8Array,
  envelope: Envelope,
  limits: PayloadLimits,
): IngestPlan {
  if (isLegacyEvent(envelope)) return planStoreBody(body, limits);
  const outcomes = new OutcomeSums<PlannedOutcome>(MAX_OUTCOME_KEYS_PER_REQUEST, outcomeWordsKey);
  const keep: EnvelopeItem[] = [];
  let eventItem: EnvelopeItem | undefined;
  let attachments = 0;
  envelope.items.forEach((item, index) => {
    const type = item.headers.type;
    if (type === 'event') {
      if (eventItem !== undefined) throw ingestError('multiple_events');
      checkEventPayload(item.payload, limits, `item ${index} (event)`);
      eventItem = item;
      keep.push(item);
    } else if (type === 'attachment') {
      if (++attachments > limits.maxAttachmentsPerEnvelope) {
        throw ingestError('too_many_attachments', limits.maxAttachmentsPerEnvelope);
      }
      if (item.payload.byteLength > limits.maxAttachmentBytes) {
        outcomes.addAll(attachmentOutcomes('invalid', 'too_large', sizeOf([item])));
      } else {
        keep.push(item);
      }
    } else if (type === 'client_report') {
      outcomes.addAll(readClientReport(item.payload));
    } else {
      // Not stored (yet): say so in the outcome counts rather than pretend.
      outcomes.add({
        category: dataCategoryForItemType(type),
        outcome: 'filtered',
        reason: unsupportedItemTypeReason(type),
        quantity: 1,
      });
    }
  });

  const headerId = envelope.headers.event_id;
  let eventId = headerId === undefined ? undefined : canonicalEventId(headerId);
  if (eventItem !== undefined && eventId === undefined)
    eventId = eventIdFromPayload(eventItem.payload, 'the event item');
  const attachmentItems = keep.filter((item) => item !== eventItem);
  if (keep.length === 0 || eventId === undefined) {
    outcomes.addAll(attachmentOutcomes('invalid', 'no_event_id', sizeOf(attachmentItems)));
    return { ...NOTHING_QUEUED, eventId, outcomes: outcomes.take() };
  }
  // The common envelope (one event item and nothing else) is queued byte for byte.
  const queuedBytes =
    keep.length === envelope.items.length && headerId === eventId
      ? body
      : serializeEnvelope({ headers: { ...envelope.headers, event_id: eventId }, items: keep });
  return {
    eventId,
    hasEvent: eventItem !== undefined,
    attachments: sizeOf(attachmentItems),
    queued: { kind: eventItem !== undefined ? 'event' : 'attachments', envelope: queuedBytes },
    withoutAttachments:
      eventItem === undefined
        ? undefined
        : () =>
            serializeEnvelope({
              headers: { ...envelope.headers, event_id: eventId },
              items: [eventItem!],
            }),
    outcomes: outcomes.take(),
  };
}

const NOTHING_QUEUED = {
  hasEvent: false,
  attachments: { count: 0, bytes: 0 },
  queued: undefined,
  withoutAttachments: undefined,
} as const;

function sizeOf(items: readonly EnvelopeItem[]): AttachmentsSize {
  let bytes = 0;
  for (const item of items) bytes += item.payload.byteLength;
  return { count: items.length, bytes };
}

/**
 * Attachments are counted as Sentry counts them: `attachment` in bytes (what quotas and disk
 * care about) and `attachment_item` one per file.
 */
export function attachmentOutcomes(
  outcome: Outcome,
  reason: string,
  size: AttachmentsSize,
): PlannedOutcome[] {
  if (size.count === 0) return [];
  return [
    { category: 'attachment', outcome, reason, quantity: size.bytes },
    { category: 'attachment_item', outcome, reason, quantity: size.count },
  ];
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
    ...NOTHING_QUEUED,
    eventId,
    hasEvent: true,
    queued: { kind: 'event', envelope },
    outcomes: [],
  };
}
