/**
 * Digest step 2: any SDK's event payload → the one modern shape (`SentryEvent`) that the rest of
 * the pipeline, storage and the UI rely on.
 *
 * What it does, in the order of the code below:
 * - reads interfaces under their legacy names too (`sentry.interfaces.*`, see legacy-aliases.ts);
 * - type-checks every field, dropping what has the wrong type instead of failing: an event with
 *   one malformed interface is still worth keeping (the invalid-interfaces sample);
 * - fills the required fields (`event_id` from the envelope, `timestamp` from the time received,
 *   `platform`, `level`, `environment`) and keeps optional ones absent rather than null;
 * - fills what the event leaves to the server from its request, as Relay does: a missing `sdk`
 *   from the client string (sdk.ts), `{{auto}}` addresses from the client's (client-ip.ts);
 * - applies Sentry's size caps (limits.ts), trimming instead of rejecting;
 * - drops unknown top-level keys, and fields Sentry computes itself (`culprit`, `title`, `type`,
 *   `_meta`, `received`, …): the server computes its own (summarize.ts).
 *
 * It never throws on a JSON object; only a payload that is not an object is refused.
 */
import { randomUUID } from 'node:crypto';
import type { SentryEvent } from '@faultline/protocol';
import { normalizeBreadcrumbs } from './normalize/breadcrumbs.js';
import { inferIpAddress } from './normalize/client-ip.js';
import { compact } from './normalize/compact.js';
import { normalizeContexts } from './normalize/contexts.js';
import { canonicalEventId } from './normalize/event-id.js';
import { normalizeExceptions } from './normalize/exception.js';
import { normalizeExtra } from './normalize/extra.js';
import {
  environmentOf,
  eventTimestampOf,
  fingerprintOf,
  labelOf,
  modulesOf,
  platformOf,
} from './normalize/fields.js';
import { isRecord } from './normalize/json-guards.js';
import { interfaceReader, OPAQUE_INTERFACES } from './normalize/legacy-aliases.js';
import type { InterfaceName } from './normalize/legacy-aliases.js';
import { parseLevel } from './normalize/level.js';
import {
  MAX_DATABAG_DEPTH,
  MAX_DIST_CHARS,
  MAX_INTERFACE_BYTES,
  MAX_LOGGER_CHARS,
  MAX_RELEASE_CHARS,
  MAX_SERVER_NAME_CHARS,
  MAX_TRANSACTION_CHARS,
} from './normalize/limits.js';
import { normalizeLogEntry } from './normalize/logentry.js';
import { normalizeRequest } from './normalize/request.js';
import { normalizeSdk, sdkFromClientAgent } from './normalize/sdk.js';
import { normalizeFrame, normalizeStacktrace } from './normalize/stacktrace.js';
import { normalizeTags } from './normalize/tags.js';
import { normalizeThreads, placeLoneStacktrace } from './normalize/threads.js';
import { trimRecord } from './normalize/trim.js';
import { normalizeUser } from './normalize/user.js';

export class NormalizeError extends Error {
  override readonly name = 'NormalizeError';
  readonly code = 'event_not_object';
}

export interface NormalizeHints {
  /** From the envelope header or the queue: it wins over the payload's. */
  eventId: string;
  /** When ingest received the event, Unix seconds. */
  receivedAt: number;
  /** The address the event's request came from (QueuedEnvelope.clientIp). */
  clientIp?: string | undefined;
  /** The request's `sentry_client` or User-Agent (QueuedEnvelope.clientAgent). */
  clientAgent?: string | undefined;
}

export function normalizeEvent(raw: unknown, hints: NormalizeHints): SentryEvent {
  if (!isRecord(raw))
    throw new NormalizeError(`an event payload must be a JSON object, not ${kindOf(raw)}`);
  const read = interfaceReader(raw);
  const first = (name: InterfaceName) => read(name)[0];
  const { exception, threads } = placeLoneStacktrace(normalizeStacktrace(first('stacktrace')), {
    exception: normalizeExceptions(first('exception')),
    threads: normalizeThreads(first('threads')),
  });
  const event: SentryEvent = {
    event_id: canonicalEventId(hints.eventId) ?? canonicalEventId(raw['event_id']) ?? newEventId(),
    timestamp: eventTimestampOf(raw['timestamp'], hints.receivedAt),
    platform: platformOf(raw['platform']),
    level: parseLevel(raw['level']) ?? 'error',
    environment: environmentOf(raw['environment']),
    ...compact({
      logger: labelOf(raw['logger'], MAX_LOGGER_CHARS),
      transaction: labelOf(raw['transaction'], MAX_TRANSACTION_CHARS),
      server_name: labelOf(raw['server_name'], MAX_SERVER_NAME_CHARS),
      release: labelOf(raw['release'], MAX_RELEASE_CHARS),
      dist: labelOf(raw['dist'], MAX_DIST_CHARS),
      tags: normalizeTags(raw['tags']),
      extra: normalizeExtra(raw['extra']),
      contexts: normalizeContexts(first('contexts')),
      user: normalizeUser(first('user')),
      request: normalizeRequest(first('request')),
      breadcrumbs: normalizeBreadcrumbs(first('breadcrumbs')),
      exception,
      threads,
      logentry: normalizeLogEntry([...read('logentry'), raw['message']]),
      fingerprint: fingerprintOf(raw['fingerprint']),
      modules: modulesOf(raw['modules']),
      sdk: normalizeSdk(raw['sdk']) ?? sdkFromClientAgent(hints.clientAgent),
      // raven-python's Django/Jinja template errors: a file, a line and its context, like a frame.
      template: normalizeFrame(first('template')),
    }),
  };
  const sentUser = first('user');
  inferIpAddress(
    event,
    { ipAddress: isRecord(sentUser) ? sentUser['ip_address'] : undefined, sdk: raw['sdk'] },
    hints.clientIp,
  );
  for (const name of OPAQUE_INTERFACES) {
    const value = first(name);
    if (isRecord(value))
      event[name] = trimRecord(value, {
        maxDepth: MAX_DATABAG_DEPTH,
        maxBytes: MAX_INTERFACE_BYTES,
      });
  }
  return event;
}

/** Only when neither the queue nor the payload has a usable id, which ingest already prevents. */
function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
