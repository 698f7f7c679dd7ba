/**
 * Rows of the PostgreSQL tables and their conversion to the Store's records. pg hands back rows
 * of unknown shape, so every column is checked as it is read: a schema that drifted from this
 * code fails loudly here instead of passing a wrong type on into the pipeline or the API.
 */
import { decodeEventPayload } from '../payload-codec.js';
import type {
  ClaimedEnvelope,
  EventAttachment,
  EventRecord,
  IssueActivity,
  LiveEvent,
  Project,
  ProjectKey,
  QueueKind,
  RateLimitSetting,
  SecondaryGrouping,
} from '../types.js';

export type Row = Readonly<Record<string, unknown>>;

export class RowShapeError extends Error {
  override readonly name = 'RowShapeError';
}

function wrong(column: string, expected: string, value: unknown): never {
  throw new RowShapeError(`column ${column}: expected ${expected}, got ${typeof value}`);
}

export function readNumber(row: Row, column: string): number {
  const value = row[column];
  return typeof value === 'number' ? value : wrong(column, 'a number', value);
}

function readOptionalNumber(row: Row, column: string): number | undefined {
  return row[column] === null ? undefined : readNumber(row, column);
}

export function readString(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : wrong(column, 'a string', value);
}

function readOptionalString(row: Row, column: string): string | undefined {
  return row[column] === null ? undefined : readString(row, column);
}

function readBoolean(row: Row, column: string): boolean {
  const value = row[column];
  return typeof value === 'boolean' ? value : wrong(column, 'a boolean', value);
}

function readBytes(row: Row, column: string): Buffer {
  const value = row[column];
  return Buffer.isBuffer(value) ? value : wrong(column, 'bytes', value);
}

function readOneOf<T extends string>(row: Row, column: string, values: readonly T[]): T {
  const value = readString(row, column);
  const known = values.find((candidate) => candidate === value);
  return known ?? wrong(column, values.join(' | '), value);
}

/** A JSON text column that must hold an object. */
function readJsonObject(row: Row, column: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readString(row, column));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return wrong(column, 'a JSON object', parsed);
  }
  return Object.fromEntries(Object.entries(parsed));
}

function readStringList(row: Row, column: string): string[] {
  const parsed: unknown = JSON.parse(readString(row, column));
  if (!Array.isArray(parsed)) return wrong(column, 'a JSON array', parsed);
  return parsed.map((item: unknown) =>
    typeof item === 'string' ? item : wrong(column, 'strings', item),
  );
}

const QUEUE_KINDS: readonly QueueKind[] = ['event', 'attachments'];

function readRateLimit(row: Row, count: string, window: string): RateLimitSetting | undefined {
  const limit = readOptionalNumber(row, count);
  const windowSeconds = readOptionalNumber(row, window);
  return limit === undefined || windowSeconds === undefined
    ? undefined
    : { count: limit, windowSeconds };
}

function readSecondaryGrouping(row: Row): SecondaryGrouping | undefined {
  const version = readOptionalString(row, 'secondary_grouping_version');
  const until = readOptionalNumber(row, 'secondary_grouping_until');
  return version === undefined || until === undefined ? undefined : { version, until };
}

export function rowToProject(row: Row): Project {
  return {
    id: readNumber(row, 'id'),
    name: readString(row, 'name'),
    slug: readString(row, 'slug'),
    createdAt: readNumber(row, 'created_at'),
    scrubData: readBoolean(row, 'scrub_data'),
    scrubFields: readStringList(row, 'scrub_fields'),
    quota: readRateLimit(row, 'quota_count', 'quota_window_seconds'),
    retentionDays: readOptionalNumber(row, 'retention_days'),
    maxEventsPerIssue: readOptionalNumber(row, 'max_events_per_issue'),
    allowedOrigins: readStringList(row, 'allowed_origins'),
    groupingVersion: readString(row, 'grouping_version'),
    secondaryGrouping: readSecondaryGrouping(row),
  };
}

export function rowToKey(row: Row): ProjectKey {
  return {
    publicKey: readString(row, 'public_key'),
    projectId: readNumber(row, 'project_id'),
    active: readBoolean(row, 'active'),
    rateLimit: readRateLimit(row, 'rate_limit_count', 'rate_limit_window_seconds'),
    createdAt: readNumber(row, 'created_at'),
  };
}

export const EVENT_COLUMNS =
  'SELECT project_id, event_id, issue_id, timestamp, received_at, payload FROM events';

export function rowToEvent(row: Row): EventRecord {
  return {
    eventId: readString(row, 'event_id'),
    issueId: readNumber(row, 'issue_id'),
    projectId: readNumber(row, 'project_id'),
    timestamp: readNumber(row, 'timestamp'),
    receivedAt: readNumber(row, 'received_at'),
    event: decodeEventPayload(readBytes(row, 'payload')),
  };
}

/** A row of LIVE_EVENT_SELECT (live-events.ts). */
export function rowToLiveEvent(row: Row, newIssue: boolean): LiveEvent {
  return {
    id: readNumber(row, 'id'),
    projectId: readNumber(row, 'project_id'),
    issueId: readNumber(row, 'issue_id'),
    eventId: readString(row, 'event_id'),
    level: readString(row, 'level'),
    timestamp: readNumber(row, 'timestamp'),
    receivedAt: readNumber(row, 'received_at'),
    title: readString(row, 'title'),
    culprit: readString(row, 'culprit'),
    newIssue,
  };
}

export function rowToAttachment(row: Row): EventAttachment {
  return {
    projectId: readNumber(row, 'project_id'),
    eventId: readString(row, 'event_id'),
    receivedAt: readNumber(row, 'received_at'),
    filename: readString(row, 'filename'),
    contentType: readOptionalString(row, 'content_type'),
    attachmentType: readOptionalString(row, 'attachment_type'),
    data: readBytes(row, 'data'),
  };
}

export function rowToClaimed(row: Row): ClaimedEnvelope {
  return {
    queueId: readNumber(row, 'id'),
    projectId: readNumber(row, 'project_id'),
    eventId: readString(row, 'event_id'),
    kind: readOneOf(row, 'kind', QUEUE_KINDS),
    receivedAt: readNumber(row, 'received_at'),
    envelope: readBytes(row, 'envelope'),
    clientIp: readOptionalString(row, 'client_ip'),
    clientAgent: readOptionalString(row, 'client_agent'),
  };
}

export function rowToActivity(row: Row): IssueActivity {
  return {
    kind: readString(row, 'kind'),
    at: readNumber(row, 'at'),
    data: readJsonObject(row, 'data'),
  };
}
