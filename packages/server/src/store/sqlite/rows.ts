/** Row shapes of the SQLite tables and their conversion to the Store's records. */
import { decodeEventPayload } from '../payload-codec.js';
import type { EventRecord, LiveEvent, Project, ProjectKey, RateLimitSetting } from '../types.js';

export interface ProjectRow {
  id: number;
  name: string;
  slug: string;
  created_at: number;
  scrub_data: number;
  scrub_fields: string;
  quota_count: number | null;
  quota_window_seconds: number | null;
  retention_days: number | null;
  max_events_per_issue: number | null;
  allowed_origins: string;
  grouping_version: string;
  secondary_grouping_version: string | null;
  secondary_grouping_until: number | null;
}

export interface KeyRow {
  public_key: string;
  project_id: number;
  active: number;
  rate_limit_count: number | null;
  rate_limit_window_seconds: number | null;
  created_at: number;
}

function rateLimit(
  count: number | null,
  windowSeconds: number | null,
): RateLimitSetting | undefined {
  return count === null || windowSeconds === null ? undefined : { count, windowSeconds };
}

export function rowToProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    createdAt: row.created_at,
    scrubData: row.scrub_data === 1,
    scrubFields: JSON.parse(row.scrub_fields) as string[],
    quota: rateLimit(row.quota_count, row.quota_window_seconds),
    retentionDays: row.retention_days ?? undefined,
    maxEventsPerIssue: row.max_events_per_issue ?? undefined,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    groupingVersion: row.grouping_version,
    secondaryGrouping:
      row.secondary_grouping_version === null || row.secondary_grouping_until === null
        ? undefined
        : { version: row.secondary_grouping_version, until: row.secondary_grouping_until },
  };
}

export function rowToKey(row: KeyRow): ProjectKey {
  return {
    publicKey: row.public_key,
    projectId: row.project_id,
    active: row.active === 1,
    rateLimit: rateLimit(row.rate_limit_count, row.rate_limit_window_seconds),
    createdAt: row.created_at,
  };
}

export const EVENT_COLUMNS =
  'SELECT project_id, event_id, issue_id, timestamp, received_at, payload FROM events';

export interface EventRow {
  project_id: number;
  event_id: string;
  issue_id: number;
  timestamp: number;
  received_at: number;
  payload: Buffer;
}

export function rowToEvent(row: EventRow): EventRecord {
  return {
    eventId: row.event_id,
    issueId: row.issue_id,
    projectId: row.project_id,
    timestamp: row.timestamp,
    receivedAt: row.received_at,
    event: decodeEventPayload(row.payload),
  };
}

/** A row of LIVE_EVENT_SELECT (live-events.ts). */
export interface LiveEventRow {
  id: number;
  project_id: number;
  issue_id: number;
  event_id: string;
  level: string;
  timestamp: number;
  received_at: number;
  title: string;
  culprit: string;
}

export function rowToLiveEvent(row: LiveEventRow, newIssue: boolean): LiveEvent {
  return {
    id: row.id,
    projectId: row.project_id,
    issueId: row.issue_id,
    eventId: row.event_id,
    level: row.level,
    timestamp: row.timestamp,
    receivedAt: row.received_at,
    title: row.title,
    culprit: row.culprit,
    newIssue,
  };
}
