/**
 * The digest pipeline: what happens to a queued envelope, one small step per file.
 *
 *   parse      bytes → JSON                      parse-payload.ts
 *   normalize  any SDK's shape → the modern one, with what it leaves to the server from the
 *              request (a missing sdk, `{{auto}}` addresses)   normalize.ts
 *   scrub      secrets and card numbers → [Filtered] (per project)   scrub.ts
 *   symbolicate  minified JavaScript frames → original files, lines, functions (when the
 *              context has source maps for the project)   symbolicate/symbolicator.ts
 *   fingerprint  the versioned grouping hash, with its components   grouping/registry.ts
 *              (and the secondary version's hash during a transition: grouping/transition.ts)
 *   summarize  title and culprit                 summarize.ts
 *   persist    the whole batch in one transaction (Store.completeBatch), then the queue entry is done
 *
 * A payload that cannot be digested is counted as an invalid outcome and skipped, never retried
 * forever: one poisoned event must not stop the queue.
 */
import { parseEnvelope } from '@faultline/protocol';
import type { EnvelopeItem } from '@faultline/protocol';
import type {
  ClaimedEnvelope,
  DigestedBatch,
  DigestedEvent,
  EventAttachment,
  OutcomeRecord,
  Project,
} from '../store/types.js';
import { hourOf } from '../store/issue-delta.js';
import { encodeEventPayload } from '../store/payload-codec.js';
import { computeGrouping } from './grouping/registry.js';
import { groupingVersionsAt } from './grouping/transition.js';
import { issueTagsOf } from './issue-tags.js';
import { normalizeEvent } from './normalize.js';
import { parsePayload } from './parse-payload.js';
import { scrubEvent } from './scrub.js';
import { summarizeEvent } from './summarize.js';
import type { SourceMapSource } from './symbolicate/source-map-source.js';
import type { Symbolicator } from './symbolicate/symbolicator.js';
import { userKeyOf } from './user-key.js';

export interface DigestContext {
  project(projectId: number): Promise<Project | undefined>;
  /** Told about entries that could not be digested (they are counted and skipped). */
  onEntryFailed(error: unknown, entry: ClaimedEnvelope): void;
  /** Source maps for JavaScript frames; without them (or a project's source) frames stay as sent. */
  symbolication?: SymbolicationContext | undefined;
}

export interface SymbolicationContext {
  /** Lives as long as the worker: it holds the parsed-map cache. */
  symbolicator: Symbolicator;
  /** The project's uploaded maps, or undefined when it has none. */
  sourceFor(project: Project): SourceMapSource | undefined;
}

export interface DigestResult {
  batch: DigestedBatch;
  /** Entries that could not be digested. */
  outcomes: OutcomeRecord[];
}

async function digestEvent(
  claimed: ClaimedEnvelope,
  item: EnvelopeItem,
  project: Project,
  symbolication: SymbolicationContext | undefined,
): Promise<DigestedEvent> {
  const raw = parsePayload(item.payload);
  const event = normalizeEvent(raw, {
    eventId: claimed.eventId,
    receivedAt: claimed.receivedAt,
    clientIp: claimed.clientIp,
    clientAgent: claimed.clientAgent,
  });
  scrubEvent(event, { enabled: project.scrubData, extraFields: project.scrubFields });
  // After scrubbing, as Sentry does: the source context comes from the project's own uploads.
  const sourceMaps = symbolication?.sourceFor(project);
  if (sourceMaps !== undefined)
    await symbolication?.symbolicator.symbolicateEvent(event, sourceMaps);
  const versions = groupingVersionsAt(project, claimed.receivedAt);
  const grouping = computeGrouping(event, versions.primary);
  // A second hash costs a second grouping pass: only while a transition is active.
  const secondary =
    versions.secondary === undefined ? undefined : computeGrouping(event, versions.secondary);
  const summary = summarizeEvent(event);
  return {
    projectId: claimed.projectId,
    eventId: event.event_id,
    receivedAt: claimed.receivedAt,
    timestamp: event.timestamp,
    level: event.level,
    platform: event.platform,
    release: event.release,
    environment: event.environment,
    userKey: userKeyOf(event),
    title: summary.title,
    culprit: summary.culprit,
    type: summary.type,
    value: summary.value,
    groupingVersion: grouping.version,
    groupingHash: grouping.hash,
    groupingComponents: grouping.components,
    secondaryGroupingHash: secondary?.hash,
    tags: issueTagsOf(event),
    payload: encodeEventPayload(JSON.stringify(event)),
  };
}

function attachmentOf(claimed: ClaimedEnvelope, item: EnvelopeItem): EventAttachment {
  const { filename, content_type, attachment_type } = item.headers;
  return {
    projectId: claimed.projectId,
    eventId: claimed.eventId,
    receivedAt: claimed.receivedAt,
    filename:
      typeof filename === 'string' && filename.length > 0 ? filename.slice(0, 256) : 'attachment',
    contentType: typeof content_type === 'string' ? content_type.slice(0, 128) : undefined,
    attachmentType: typeof attachment_type === 'string' ? attachment_type.slice(0, 64) : undefined,
    data: item.payload,
  };
}

export async function digestBatch(
  claimed: readonly ClaimedEnvelope[],
  context: DigestContext,
): Promise<DigestResult> {
  const batch: DigestedBatch = { events: [], attachments: [] };
  const outcomes: OutcomeRecord[] = [];
  for (const entry of claimed) {
    const project = await context.project(entry.projectId);
    if (project === undefined) continue; // deleted while its events waited in the queue
    try {
      // Into the batch only once every item is digested: an entry that fails is skipped whole,
      // not stored in part and counted as invalid too.
      const events: DigestedEvent[] = [];
      const attachments: EventAttachment[] = [];
      const envelope = parseEnvelope(entry.envelope);
      for (const item of envelope.items) {
        // One event per envelope, as the protocol says: a second one would share the entry's
        // event id, and the store keeps the first anyway, so it is not worth digesting.
        if (item.headers.type === 'event' && events.length === 0)
          events.push(await digestEvent(entry, item, project, context.symbolication));
        else if (item.headers.type === 'attachment') attachments.push(attachmentOf(entry, item));
      }
      for (const event of events) batch.events.push(event);
      for (const attachment of attachments) batch.attachments.push(attachment);
    } catch (error) {
      context.onEntryFailed(error, entry);
      outcomes.push({
        projectId: entry.projectId,
        hour: hourOf(entry.receivedAt),
        category: 'error',
        outcome: 'invalid',
        reason:
          error instanceof Error && error.name === 'PayloadError'
            ? 'invalid_json'
            : 'digest_failed',
        quantity: 1,
      });
    }
  }
  return { batch, outcomes };
}
