/**
 * The typed client of Faultline's REST API, shared by the CLI and the web UI: one place that
 * knows the paths, the auth headers and the error body. It uses only `fetch`, so it runs in Node
 * and in browsers; the response types come from the server's own serializers, so a change there
 * is a compile error here rather than a surprise in a client.
 */
import type { SentryEvent } from '@faultline/protocol';
import type { CredentialsEnded } from '../accounts/users.js';
import type {
  issueJson,
  keyJson,
  projectJson,
  releaseJson,
  tokenJson,
  userJson,
} from '../api/serialize.js';
import type { liveJson } from '../api/routes/stream.js';
import type { sentryOrganizationJson } from '../api/sentry-shapes.js';
import type { channelJson, ruleJson } from '../api/routes/alerts.js';
import type { IssueSort } from '../api/search/issue-search.js';
import type { StatsPeriod } from '../api/issue-stats.js';
import { readServerSentEvents } from './sse.js';

export type UserJson = ReturnType<typeof userJson> & { projects: number[] | null };
/** What a new password ended (accounts/users.ts): the user's sessions and API tokens. */
export type CredentialsEndedJson = CredentialsEnded;
export type TokenJson = ReturnType<typeof tokenJson>;
export type CreatedTokenJson = TokenJson & { token: string };
export type ProjectJson = ReturnType<typeof projectJson>;
export type KeyJson = ReturnType<typeof keyJson>;
export type LiveEventJson = ReturnType<typeof liveJson>;
export type Role = 'admin' | 'member';
export type Scope = 'read' | 'write' | 'admin';
export type IssueJson = ReturnType<typeof issueJson>;
export type ReleaseJson = ReturnType<typeof releaseJson>;
/** The organization Sentry's API shows sentry-cli (api/organization.ts). */
export type OrganizationJson = ReturnType<typeof sentryOrganizationJson>;
export type IssueStatus = IssueJson['status'];
export type { IssueSort, StatsPeriod };

/** A count per window (a key's rate limit, a project's quota); null for none. */
export interface RateLimitJson {
  count: number;
  windowSeconds: number;
}

/** What PUT /api/0/projects/:id/ changes: absent leaves a setting, null clears it. */
export interface ProjectChanges {
  name?: string;
  slug?: string;
  scrubData?: boolean;
  scrubFields?: string[];
  quota?: RateLimitJson | null;
  retentionDays?: number | null;
  maxEventsPerIssue?: number | null;
  allowedOrigins?: string[];
  /** Another version starts a transition from the current one (digest/grouping/transition.ts). */
  groupingVersion?: string;
}

export interface KeyChanges {
  active?: boolean;
  rateLimit?: RateLimitJson | null;
}

/** A channel as the API shows it: secrets masked (`passwordSet`, `https://host/…a9Zk`). */
export type AlertChannelJson = ReturnType<typeof channelJson>;
export type AlertChannelKind = AlertChannelJson['kind'];
/**
 * A channel's settings as sent: a secret (password, webhook secret) omitted or null keeps the
 * saved one, "" removes it; a receiver URL sent back as the API masked it keeps the saved one.
 */
export type AlertChannelConfigInput =
  | {
      kind: 'email';
      host: string;
      port: number;
      security: 'tls' | 'starttls' | 'none';
      username?: string;
      password?: string | null;
      from: string;
      to: string[];
      allowSelfSigned?: boolean;
    }
  | { kind: 'webhook'; url: string; secret?: string | null }
  | { kind: 'slack' | 'discord'; url: string };

export type AlertRuleJson = ReturnType<typeof ruleJson>;
export type AlertTrigger = AlertRuleJson['trigger'];
export type AlertLevel = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

export interface AlertRuleInput {
  name: string;
  trigger: AlertTrigger;
  threshold?: number;
  windowMinutes?: number;
  filters?: { levels?: AlertLevel[]; environment?: string; release?: string };
  channelIds: number[];
  throttleMinutes?: number;
  enabled?: boolean;
}

/** One delivery attempt of a notification. */
export interface AlertAttemptJson {
  at: string;
  ok: boolean;
  detail: string;
  issues: number;
}

/** A notification a rule produced, with its delivery attempts (api/routes/alerts.ts). */
export interface AlertNotificationJson {
  id: number;
  ruleId: number;
  channelId: number;
  issueId: number | null;
  trigger: string;
  createdAt: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  sentWith: number | null;
  sentAt: string | null;
  lastError: string | null;
  attemptLog: AlertAttemptJson[];
}

/** A status change, a merge…: `at` in Unix seconds, as the store keeps it. */
export interface IssueActivityJson {
  kind: string;
  at: number;
  data: Record<string, unknown>;
}

export type IssueDetailJson = IssueJson & { activity: IssueActivityJson[] };

/** A stored event (api/routes/events.ts): `event` is the normalized payload. */
export interface EventJson {
  eventId: string;
  issueId: number;
  projectId: number;
  level: string;
  timestamp: string;
  receivedAt: string;
  event: SentryEvent;
}

/** One event with the ids of the events stored just before and after it in its issue. */
export interface EventWithNeighboursJson extends EventJson {
  previous: string | null;
  next: string | null;
}

/** One page of a list, and the cursor of the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | undefined;
}

export interface IssueListOptions {
  /** The search language (api/search/parse.ts); the API's default is `is:unresolved`. */
  query?: string;
  sort?: IssueSort;
  cursor?: string;
  limit?: number;
  /** Each issue's events per hour over 24 h, or per day over 14 d (`stats`, oldest first). */
  stats?: StatsPeriod;
}

export interface TagDistributionJson {
  key: string;
  /** Events with this key. */
  total: number;
  values: Array<{ value: string; count: number }>;
}

/** A grouping component (digest/grouping/component.ts): what went into a hash, and why. */
export interface GroupingComponentJson {
  id: string;
  contributes: boolean;
  hint?: string;
  values: Array<GroupingComponentJson | string>;
}

export interface GroupingJson {
  hash: string;
  groupingVersion: string;
  components: GroupingComponentJson;
  /** The older version's hash this one joined the issue through, during a transition. */
  joinedVia: { hash: string; groupingVersion: string | null } | null;
}

export interface AttachmentJson {
  id: number;
  filename: string;
  contentType: string | null;
  attachmentType: string | null;
  size: number;
}

/** An issue as the list returns it: with its sparkline series when `stats` was asked for. */
export type IssueListItemJson = IssueJson & { stats?: number[] };

/**
 * What goes with a status, at most one: for `ignored`, what ends the ignore (neither means
 * forever); for `resolved`, the release it is fixed in, or the next one after the latest.
 */
export interface StatusOptions {
  ignoreDuration?: number;
  ignoreCount?: number;
  inRelease?: string;
  inNextRelease?: true;
}

export interface SessionJson {
  user: ReturnType<typeof userJson>;
  scope: Scope;
  csrfToken: string | null;
}

/**
 * How requests prove who sends them: an API token, or a session: the cookie (which a browser
 * attaches by itself, so only Node passes it) plus the CSRF token every write must echo.
 */
export type ClientAuth =
  { token: string } | { csrfToken: string | undefined; cookie?: string } | undefined;

/** What went wrong, from the API's error body when there is one. */
export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  constructor(
    /** The HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    /** The API's stable error code, or `unreachable` / `bad_response`. */
    readonly code: string,
    message: string,
    /** The input at fault, as the API names it (`body.email`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class FaultlineClient {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private auth: ClientAuth = undefined,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Logs in with a password: the session cookie and the CSRF token that goes with it. */
  async login(
    email: string,
    password: string,
  ): Promise<{ user: ReturnType<typeof userJson>; csrfToken: string; cookie: string }> {
    const response = await this.#send('POST', '/api/0/auth/login/', { email, password });
    const body = (await this.#read(response)) as {
      user: ReturnType<typeof userJson>;
      csrfToken: string;
    };
    // In a browser the cookie is the browser's business (and unreadable); Node must carry it.
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    return { ...body, cookie };
  }

  session = () => this.request<SessionJson>('GET', '/api/0/auth/session/');
  logout = () => this.request<void>('POST', '/api/0/auth/logout/');
  changeOwnPassword = (currentPassword: string, newPassword: string) =>
    // The answer counts what ended (CredentialsEndedJson); callers have needed no more so far.
    this.request<void>('PUT', '/api/0/auth/password/', { currentPassword, newPassword });

  listUsers = () => this.request<UserJson[]>('GET', '/api/0/users/');
  createUser = (user: {
    email: string;
    password: string;
    role: Role;
    name?: string;
    projects?: number[];
  }) => this.request<UserJson>('POST', '/api/0/users/', user);
  updateUser = (
    userId: number,
    changes: { name?: string; role?: Role; password?: string; projects?: number[] },
  ) =>
    this.request<UserJson & Partial<CredentialsEndedJson>>(
      'PUT',
      `/api/0/users/${userId}/`,
      changes,
    );

  listTokens = () => this.request<TokenJson[]>('GET', '/api/0/tokens/');
  createToken = (name: string, scope: Scope) =>
    this.request<CreatedTokenJson>('POST', '/api/0/tokens/', { name, scope });
  revokeToken = (tokenId: number) => this.request<void>('DELETE', `/api/0/tokens/${tokenId}/`);

  listProjects = () => this.request<ProjectJson[]>('GET', '/api/0/projects/');
  createProject = (name: string) =>
    this.request<ProjectJson & { keys: KeyJson[] }>('POST', '/api/0/projects/', { name });
  listKeys = (projectId: number) =>
    this.request<KeyJson[]>('GET', `/api/0/projects/${projectId}/keys/`);
  getProject = (projectId: number) =>
    this.request<ProjectJson>('GET', `/api/0/projects/${projectId}/`);
  updateProject = (projectId: number, changes: ProjectChanges) =>
    this.request<ProjectJson>('PUT', `/api/0/projects/${projectId}/`, changes);
  createKey = (projectId: number) =>
    this.request<KeyJson>('POST', `/api/0/projects/${projectId}/keys/`);
  updateKey = (projectId: number, keyId: string, changes: KeyChanges) =>
    this.request<KeyJson>(
      'PUT',
      `/api/0/projects/${projectId}/keys/${encodeURIComponent(keyId)}/`,
      changes,
    );
  /** A new key with the old one's rate limit; the old one is disabled. */
  rotateKey = (projectId: number, keyId: string) =>
    this.request<KeyJson>(
      'POST',
      `/api/0/projects/${projectId}/keys/${encodeURIComponent(keyId)}/rotate/`,
    );

  listAlertChannels = (projectId: number) =>
    this.request<AlertChannelJson[]>('GET', `/api/0/projects/${projectId}/alert-channels/`);
  createAlertChannel = (projectId: number, name: string, config: AlertChannelConfigInput) =>
    this.request<AlertChannelJson>('POST', `/api/0/projects/${projectId}/alert-channels/`, {
      name,
      config,
    });
  updateAlertChannel = (
    projectId: number,
    channelId: number,
    changes: { name?: string; config?: AlertChannelConfigInput },
  ) =>
    this.request<AlertChannelJson>(
      'PUT',
      `/api/0/projects/${projectId}/alert-channels/${channelId}/`,
      changes,
    );
  deleteAlertChannel = (projectId: number, channelId: number) =>
    this.request<void>('DELETE', `/api/0/projects/${projectId}/alert-channels/${channelId}/`);
  /** Sends a test notification now; `detail` says what the receiver answered. */
  testAlertChannel = (projectId: number, channelId: number) =>
    this.request<{ ok: boolean; detail: string }>(
      'POST',
      `/api/0/projects/${projectId}/alert-channels/${channelId}/test/`,
    );
  listAlertRules = (projectId: number) =>
    this.request<AlertRuleJson[]>('GET', `/api/0/projects/${projectId}/alert-rules/`);
  createAlertRule = (projectId: number, rule: AlertRuleInput) =>
    this.request<AlertRuleJson>('POST', `/api/0/projects/${projectId}/alert-rules/`, rule);
  updateAlertRule = (projectId: number, ruleId: number, rule: AlertRuleInput) =>
    this.request<AlertRuleJson>('PUT', `/api/0/projects/${projectId}/alert-rules/${ruleId}/`, rule);
  deleteAlertRule = (projectId: number, ruleId: number) =>
    this.request<void>('DELETE', `/api/0/projects/${projectId}/alert-rules/${ruleId}/`);
  listAlertNotifications = (projectId: number, options: { cursor?: string; limit?: number } = {}) =>
    this.#page<AlertNotificationJson>(
      `/api/0/projects/${projectId}/alert-notifications/${searchOf(options)}`,
    );

  listIssues = (projectId: number, options: IssueListOptions = {}) =>
    this.#page<IssueListItemJson>(`/api/0/projects/${projectId}/issues/${searchOf(options)}`);
  /** Tag keys on the project's recently seen issues, most used first (search completion). */
  projectTagKeys = (projectId: number) =>
    this.request<Array<{ key: string; issues: number }>>(
      'GET',
      `/api/0/projects/${projectId}/tags/`,
    );
  /** The first id is the issue the others are merged into. */
  mergeIssues = (projectId: number, ids: number[]) =>
    this.request<IssueJson>('POST', `/api/0/projects/${projectId}/issues/merge/`, { ids });
  setIssuesStatus = (
    projectId: number,
    ids: number[],
    status: IssueStatus,
    options: StatusOptions = {},
  ) =>
    this.request<{ updated: number[] }>('PUT', `/api/0/projects/${projectId}/issues/`, {
      ids,
      status,
      ...options,
    });
  getIssue = (issueId: number) => this.request<IssueDetailJson>('GET', `/api/0/issues/${issueId}/`);
  setIssueStatus = (issueId: number, status: IssueStatus, options: StatusOptions = {}) =>
    this.request<IssueJson>('PUT', `/api/0/issues/${issueId}/`, { status, ...options });
  /** The one organization (its slug is sentry-cli's SENTRY_ORG). */
  listOrganizations = () => this.request<OrganizationJson[]>('GET', '/api/0/organizations/');
  /** A project's releases, newest first. */
  listReleases = (projectId: number) =>
    this.request<ReleaseJson[]>('GET', `/api/0/projects/${projectId}/releases/`);

  listIssueEvents = (issueId: number, options: { cursor?: string; limit?: number } = {}) =>
    this.#page<EventJson>(`/api/0/issues/${issueId}/events/${searchOf(options)}`);
  /** An issue's newest or first stored event, with its neighbours. */
  issueEdgeEvent = (issueId: number, which: 'latest' | 'oldest') =>
    this.request<EventWithNeighboursJson>('GET', `/api/0/issues/${issueId}/events/${which}/`);
  getEvent = (projectId: number, eventId: string) =>
    this.request<EventWithNeighboursJson>(
      'GET',
      `/api/0/projects/${projectId}/events/${encodeURIComponent(eventId)}/`,
    );
  /** Where the normalized event downloads as a JSON file (a link: the browser sends the cookie). */
  /** Events per hour or per day, the buckets with events only, oldest first. */
  issueCounts = (issueId: number, interval: 'hour' | 'day') =>
    this.request<Array<{ start: string; count: number }>>(
      'GET',
      `/api/0/issues/${issueId}/counts/?interval=${interval}`,
    );
  /** Per tag key, its most frequent values with their counts. */
  issueTags = (issueId: number, top = 5) =>
    this.request<TagDistributionJson[]>('GET', `/api/0/issues/${issueId}/tags/?top=${top}`);
  /** Why grouped: each hash that leads to the issue, with the components it was made of. */
  issueGrouping = (issueId: number) =>
    this.request<GroupingJson[]>('GET', `/api/0/issues/${issueId}/grouping/`);
  eventAttachments = (projectId: number, eventId: string) =>
    this.request<AttachmentJson[]>(
      'GET',
      `/api/0/projects/${projectId}/events/${encodeURIComponent(eventId)}/attachments/`,
    );
  attachmentUrl = (projectId: number, eventId: string, attachmentId: number) =>
    `${this.baseUrl}/api/0/projects/${projectId}/events/${encodeURIComponent(eventId)}/attachments/${attachmentId}/`;

  eventJsonUrl = (projectId: number, eventId: string) =>
    `${this.baseUrl}/api/0/projects/${projectId}/events/${encodeURIComponent(eventId)}/json/`;

  /**
   * The live stream's URL, for a browser's `EventSource` (which reconnects by itself and sends
   * the same-origin session cookie); `stream()` below is the fetch-based reader for Node.
   */
  streamUrl = (project?: number) =>
    `${this.baseUrl}/api/0/stream/${project === undefined ? '' : `?project=${project}`}`;

  /**
   * The live stream: yields each new event of the caller's projects (or of one) until `signal`
   * aborts or the server ends the stream. Resolves to the iterator only once the stream is open,
   * so an event stored after that cannot be missed.
   */
  async stream(
    options: { project?: number; signal?: AbortSignal } = {},
  ): Promise<AsyncGenerator<LiveEventJson>> {
    const query = options.project === undefined ? '' : `?project=${options.project}`;
    // No timeout: a stream is meant to stay open.
    const signal = options.signal ?? new AbortController().signal;
    const response = await this.#send('GET', `/api/0/stream/${query}`, undefined, signal);
    const isStream = response.headers.get('content-type')?.startsWith('text/event-stream');
    if (!response.ok || response.body === null || isStream !== true) {
      await this.#read(response);
      // A 200 that is no event stream: a proxy's page, or not a Faultline server at all.
      throw notFaultline(this.baseUrl, response.status);
    }
    const messages = readServerSentEvents(response.body);
    const baseUrl = this.baseUrl;
    return (async function* () {
      for await (const message of messages) {
        if (message.event !== 'event') continue;
        let event: LiveEventJson;
        try {
          event = JSON.parse(message.data) as LiveEventJson;
        } catch {
          throw new ApiClientError(
            200,
            'bad_response',
            `${baseUrl} sent an event that is not JSON`,
          );
        }
        yield event;
      }
    })();
  }

  /** Any API call: the parsed JSON body, or an ApiClientError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.#read(await this.#send(method, path, body))) as T;
  }

  /** A list endpoint: its items, and the next cursor from the `Link` header (api/pagination.ts). */
  async #page<T>(path: string): Promise<Page<T>> {
    const response = await this.#send('GET', path, undefined);
    const items = (await this.#read(response)) as T[];
    return { items, nextCursor: nextCursorOf(response.headers.get('link')) };
  }

  async #send(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal = AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const auth = this.auth;
    if (auth !== undefined && 'token' in auth) headers['authorization'] = `Bearer ${auth.token}`;
    if (auth !== undefined && 'csrfToken' in auth) {
      if (auth.cookie !== undefined) headers['cookie'] = auth.cookie;
      if (auth.csrfToken !== undefined && WRITE_METHODS.has(method)) {
        headers['x-csrf-token'] = auth.csrfToken;
      }
    }
    const url = this.baseUrl + path;
    try {
      return await fetch(url, {
        method,
        headers,
        signal,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const timedOut =
        signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError';
      // The caller stopped it (tail's Ctrl-C): not a failure to report.
      if (signal.aborted && !timedOut) throw error;
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      const reason = timedOut ? 'no answer in time' : (cause ?? (error as Error).message);
      throw new ApiClientError(0, 'unreachable', `could not reach ${this.baseUrl}: ${reason}`);
    }
  }

  async #read(response: Response): Promise<unknown> {
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.startsWith('application/json') === true;
    let parsed: unknown;
    if (isJson && text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok) {
      if (text === '' || response.status === 204) return undefined;
      if (parsed === undefined) throw notFaultline(this.baseUrl, response.status);
      return parsed;
    }
    const error = (parsed as { error?: { code?: unknown; message?: unknown; field?: unknown } })
      ?.error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      throw notFaultline(this.baseUrl, response.status);
    throw new ApiClientError(
      response.status,
      error.code,
      error.message,
      typeof error.field === 'string' ? error.field : undefined,
    );
  }
}

/** `?a=1&b=2` of the options that are set, or nothing. */
function searchOf(options: object): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(options) as Array<[string, unknown]>) {
    if (value !== undefined) search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Sentry's form: `<…>; rel="next"; results="true"; cursor="X"` (results="false": no more). */
export function nextCursorOf(link: string | null): string | undefined {
  if (link === null) return undefined;
  for (const part of link.split(/,\s*(?=<)/)) {
    if (!/;\s*rel="next"/.test(part) || /;\s*results="false"/.test(part)) continue;
    const cursor = /;\s*cursor="([^"]*)"/.exec(part)?.[1];
    if (cursor !== undefined && cursor !== '') return cursor;
  }
  return undefined;
}

function notFaultline(baseUrl: string, status: number): ApiClientError {
  return new ApiClientError(
    status,
    'bad_response',
    `${baseUrl} answered HTTP ${status} without a Faultline API body: is it a Faultline server?`,
  );
}
