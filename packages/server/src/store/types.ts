/** A count over a time window; `undefined` on a key or project means unlimited. */
export interface RateLimitSetting {
  count: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface Project {
  id: number;
  name: string;
  /** How Sentry's API names it (project-slug.ts); unique. */
  slug: string;
  createdAt: number;
  /** Replace passwords, tokens, cookies and card numbers with `[Filtered]` (on by default). */
  scrubData: boolean;
  /** More field names to scrub, besides the built-in list. */
  scrubFields: string[];
  /** The project's event quota, across all its keys. */
  quota: RateLimitSetting | undefined;
  /** Days events are kept; `undefined`: the server's --retention-days. */
  retentionDays: number | undefined;
  /** The newest events kept per issue; `undefined`: no cap. */
  maxEventsPerIssue: number | undefined;
  /** Origins browser SDKs may send from (`https://app.example.com`); empty allows any. */
  allowedOrigins: string[];
  /** The grouping version new events are hashed with (digest/grouping/registry.ts). */
  groupingVersion: string;
  /** While the project moves between grouping versions: the old one (transition.ts). */
  secondaryGrouping: SecondaryGrouping | undefined;
}

/**
 * An older grouping version still consulted: an event whose hash is new joins the issue its hash
 * under this version leads to, until `until` (Unix seconds).
 */
export interface SecondaryGrouping {
  version: string;
  until: number;
}

/** What the API may change in a project. */
export type ProjectChanges = {
  [
    K in
      | 'name'
      | 'slug'
      | 'scrubData'
      | 'scrubFields'
      | 'quota'
      | 'retentionDays'
      | 'maxEventsPerIssue'
      | 'allowedOrigins'
      | 'groupingVersion'
      | 'secondaryGrouping'
  ]?: Project[K] | undefined;
};

export interface ProjectKey {
  publicKey: string;
  projectId: number;
  active: boolean;
  rateLimit: RateLimitSetting | undefined;
  createdAt: number;
}

export type QueueKind = 'event' | 'attachments';

/** Raw items as ingest accepted them, as one envelope: nothing here has been parsed as an event. */
export interface QueuedEnvelope {
  projectId: number;
  eventId: string;
  kind: QueueKind;
  /** Unix seconds. */
  receivedAt: number;
  envelope: Uint8Array;
  /**
   * The address the request came from, as ingest saw it (ingest/client-address.ts). Digest
   * puts it where the event asks for it (`{{auto}}`). Never read from the envelope: a client
   * cannot choose it.
   */
  clientIp?: string | undefined;
  /**
   * The client's name and version as the request gave it (`sentry_client`, else User-Agent):
   * the SDK of an event without its own `sdk` (raven-js, raven-go).
   */
  clientAgent?: string | undefined;
}

export interface ClaimedEnvelope extends QueuedEnvelope {
  queueId: number;
}

/** An event after the digest pipeline: everything persistence needs, computed off the database. */
export interface DigestedEvent {
  projectId: number;
  eventId: string;
  receivedAt: number;
  timestamp: number;
  level: string;
  platform: string;
  release: string | undefined;
  environment: string;
  userKey: string | undefined;
  title: string;
  culprit: string;
  type: string | undefined;
  value: string | undefined;
  groupingVersion: string;
  groupingHash: string;
  /**
   * The event's hash under the project's secondary grouping version, while one is active: an
   * event whose hash is new joins the issue this one leads to (persist-batch.ts).
   */
  secondaryGroupingHash: string | undefined;
  /**
   * The grouping components (a JSON-serializable tree), to show why events share an issue. Kept
   * as a tree: it is serialized only when its hash is new, once per issue rather than per event.
   */
  groupingComponents: unknown;
  /** Tag pairs counted per issue (event tags plus environment, release, runtime, os, …). */
  tags: Array<[string, string]>;
  /** The normalized event JSON, deflate-compressed. */
  payload: Uint8Array;
}

export interface EventAttachment {
  projectId: number;
  eventId: string;
  /** Unix seconds: when ingest accepted the envelope it came in. */
  receivedAt: number;
  filename: string;
  contentType: string | undefined;
  attachmentType: string | undefined;
  data: Uint8Array;
}

/** What one digest batch persists, in one transaction. */
export interface DigestedBatch {
  events: DigestedEvent[];
  attachments: EventAttachment[];
}

export type Outcome = 'accepted' | 'filtered' | 'rate_limited' | 'invalid' | 'client_discard';

export interface OutcomeRecord {
  projectId: number;
  /** Unix seconds, truncated to the hour. */
  hour: number;
  category: string;
  outcome: Outcome;
  reason: string;
  quantity: number;
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

/**
 * A resolve with a release (issue-wake.ts): 'in_release' — fixed in `version`, so its events
 * and later ones regress; 'in_next_release' — fixed in whatever follows `version` (the latest
 * release when it was resolved), so only a later release's events regress.
 */
export interface ReleaseResolution {
  kind: 'in_release' | 'in_next_release';
  version: string;
}

export interface IssueRecord {
  id: number;
  projectId: number;
  title: string;
  culprit: string;
  type: string | undefined;
  value: string | undefined;
  level: string;
  platform: string;
  status: IssueStatus;
  count: number;
  userCount: number;
  firstSeen: number;
  lastSeen: number;
  firstRelease: string | undefined;
  lastRelease: string | undefined;
  regressedAt: number | undefined;
  /** Set while the issue is resolved with a release. */
  resolvedIn?: ReleaseResolution;
  /** An ignored issue wakes (becomes unresolved) at its first event received after this. */
  ignoredUntil?: number;
  /** An ignored issue wakes once its count reaches this. */
  ignoredUntilTimesSeen?: number;
}

export interface EventRecord {
  eventId: string;
  issueId: number;
  projectId: number;
  timestamp: number;
  receivedAt: number;
  /** The normalized event (decompressed and parsed). */
  event: Record<string, unknown>;
}

export interface IssueListOptions {
  projectId?: number;
  status?: IssueStatus;
  limit?: number;
}

export interface HourlyCount {
  /** Unix seconds at the start of the hour. */
  hour: number;
  count: number;
}

export interface TagCount {
  key: string;
  value: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export interface IssueActivity {
  kind: string;
  at: number;
  data: Record<string, unknown>;
}

/** A persisted event as the live stream announces it: enough for one line, not the payload. */
export interface LiveEvent {
  /** The stored event's row id. */
  id: number;
  projectId: number;
  issueId: number;
  eventId: string;
  level: string;
  timestamp: number;
  receivedAt: number;
  /** The issue's title and culprit. */
  title: string;
  culprit: string;
  /** This event created its issue. */
  newIssue: boolean;
}

/** What a watcher of the store's changes hears about; see Store.watchChanges. */
export interface ChangeListener {
  /** Envelopes were queued, on this node or another: a digest worker should look. */
  queued?(): void;
  /** Events were persisted, by whichever node digested them; each event once. */
  events?(events: LiveEvent[]): void;
}

export interface ChangeWatch {
  /**
   * This process just stored something: look now rather than at the next poll (SQLite polls;
   * PostgreSQL hears NOTIFY at once and ignores this).
   */
  look(): void;
  close(): Promise<void>;
}
