/**
 * The schema of what digest produces and the API reads, as numbered migrations for every dialect.
 * On SQLite this is faultline.db, its version in `PRAGMA user_version`; on PostgreSQL the `main`
 * track of schema_migrations. Never change a released migration: append the next one.
 */
import { column, indexColumns } from './schema.js';
import type { IndexStep, Migration, TableStep } from './schema.js';

const projectRef = { references: { table: 'projects', column: 'id' } } as const;
const issueRef = { references: { table: 'issues', column: 'id' } } as const;
const userRef = { references: { table: 'users', column: 'id' } } as const;
const nullable = { nullable: true } as const;

/** The events table as migration 1 made it (migration 3 partitions it, where partitions are). */
const EVENTS_TABLE: TableStep = {
  kind: 'table',
  name: 'events',
  columns: [
    column('id', 'id'),
    column('project_id', 'integer', projectRef),
    column('event_id', 'text'),
    column('issue_id', 'integer', issueRef),
    column('timestamp', 'real'),
    column('received_at', 'real'),
    column('level', 'text'),
    column('release', 'text', nullable),
    column('environment', 'text', nullable),
    column('user_key', 'text', nullable),
    column('grouping_hash', 'text'),
    column('payload', 'blob'),
  ],
};

const EVENTS_BY_ISSUE: IndexStep = {
  kind: 'index',
  name: 'events_issue',
  table: 'events',
  columns: indexColumns('issue_id', 'id'),
};

export const MAIN_MIGRATIONS: readonly Migration[] = [
  {
    steps: [
      {
        kind: 'table',
        name: 'projects',
        columns: [
          column('id', 'id'),
          column('name', 'text'),
          column('created_at', 'real'),
          column('scrub_data', 'boolean', { default: true }),
          column('scrub_fields', 'text', { default: '[]' }),
          column('quota_count', 'integer', nullable),
          column('quota_window_seconds', 'integer', nullable),
        ],
      },
      {
        kind: 'table',
        name: 'project_keys',
        columns: [
          column('public_key', 'text', { primaryKey: true }),
          column('project_id', 'integer', projectRef),
          column('active', 'boolean', { default: true }),
          column('rate_limit_count', 'integer', nullable),
          column('rate_limit_window_seconds', 'integer', nullable),
          column('created_at', 'real'),
        ],
      },
      {
        kind: 'index',
        name: 'project_keys_project',
        table: 'project_keys',
        columns: indexColumns('project_id'),
      },
      ...issueTables(),
      ...eventTables(),
      {
        kind: 'table',
        name: 'outcomes',
        columns: [
          column('project_id', 'integer'),
          column('hour', 'integer'),
          column('category', 'text'),
          column('outcome', 'text'),
          column('reason', 'text'),
          column('quantity', 'integer'),
        ],
        primaryKey: ['project_id', 'hour', 'category', 'outcome', 'reason'],
        withoutRowid: true,
      },
      // How far digest has read the queue: advanced in the same transaction that persists a
      // batch, so a crash can neither lose a batch nor digest it twice.
      {
        kind: 'table',
        name: 'digest_cursor',
        columns: [
          column('id', 'integer', { primaryKey: true, check: 'id = 1' }),
          column('last_queue_id', 'integer'),
        ],
        only: 'queue-cursor',
      },
      {
        kind: 'insert',
        table: 'digest_cursor',
        row: { id: 1, last_queue_id: 0 },
        only: 'queue-cursor',
      },
    ],
  },
  {
    steps: [
      // How far `faultline migrate` has copied each table from a source into this database,
      // updated in the transaction that writes each chunk, so a rerun resumes exactly there
      // (src/migrate/). It also marks the data as that source's. Nothing migrates into SQLite
      // yet, so there it stays empty.
      {
        kind: 'table',
        name: 'migrate_progress',
        columns: [
          column('source', 'text'),
          column('table_name', 'text'),
          // The ordering key of the last copied row, as a JSON array.
          column('last_key', 'text'),
          column('rows_copied', 'integer'),
        ],
        primaryKey: ['source', 'table_name'],
        withoutRowid: true,
      },
    ],
  },
  {
    steps: [
      // Rate limits and quotas, counted for every node at once (postgres/rate-limits.ts).
      {
        kind: 'table',
        name: 'rate_windows',
        columns: [
          column('scope', 'text', { primaryKey: true }),
          column('window_start', 'real'),
          column('used', 'integer'),
        ],
        only: 'shared-state',
      },
      // Events in weekly ranges of when they arrived: retention drops whole weeks
      // (postgres/partitions.ts). Event ids stay unique per project without a unique index,
      // which would have to include received_at: see postgres/queue.ts.
      {
        kind: 'partition',
        table: EVENTS_TABLE,
        column: 'received_at',
        indexes: [
          {
            kind: 'index',
            name: 'events_project_event_id',
            table: 'events',
            columns: indexColumns('project_id', 'event_id'),
          },
          EVENTS_BY_ISSUE,
        ],
        only: 'time-partitions',
      },
      // Retention finds the events and attachments past their time by when they arrived.
      {
        kind: 'index',
        name: 'events_received',
        table: 'events',
        columns: indexColumns('received_at'),
      },
      {
        kind: 'column',
        table: 'attachments',
        column: column('received_at', 'real', { default: 0 }),
      },
      // Attachments stored before this migration arrived with their event; one whose event was
      // never stored keeps 0, and the next retention pass removes it.
      {
        kind: 'backfill',
        table: 'attachments',
        column: 'received_at',
        expression: `coalesce((SELECT max(events.received_at) FROM events
          WHERE events.project_id = attachments.project_id
            AND events.event_id = attachments.event_id), 0)`,
      },
      {
        kind: 'index',
        name: 'attachments_received',
        table: 'attachments',
        columns: indexColumns('received_at'),
      },
    ],
  },
  {
    steps: [...accountTables(), ...projectSettingColumns()],
  },
  {
    steps: [
      // An ignore that ends by itself (store/issue-wake.ts): at a time, in Unix seconds, or once
      // times_seen reaches a count. Both NULL while not ignored, or ignored until someone acts.
      { kind: 'column', table: 'issues', column: column('ignored_until', 'real', nullable) },
      {
        kind: 'column',
        table: 'issues',
        column: column('ignored_until_times_seen', 'integer', nullable),
      },
      // Retention of a project that keeps less than the others (store/project-expiry.ts) finds
      // just its expired rows.
      {
        kind: 'index',
        name: 'events_project_received',
        table: 'events',
        columns: indexColumns('project_id', 'received_at'),
      },
    ],
  },
  { steps: alertTables() },
  {
    steps: [
      // The delivery queue's hot reads (alerts/delivery.ts, engine.ts) ask for one rule and
      // channel's pending notifications; the (rule_id, channel_id, sent_at) index alone would
      // walk every notification that group ever had, sent and merged ones included.
      {
        kind: 'index',
        name: 'alert_notifications_pending_group',
        table: 'alert_notifications',
        columns: indexColumns('rule_id', 'channel_id', 'id'),
        where: "status = 'pending'",
      },
    ],
  },
  {
    steps: [
      // A deleted project's id given to the next new project made it inherit the old one's
      // outcome counts and whatever of the old one's was still queued.
      {
        kind: 'never-reuse-ids',
        table: {
          kind: 'table',
          name: 'projects',
          // As migrations 1 and 4 left it, in that order.
          columns: [
            column('id', 'id', { neverReuseIds: true }),
            column('name', 'text'),
            column('created_at', 'real'),
            column('scrub_data', 'boolean', { default: true }),
            column('scrub_fields', 'text', { default: '[]' }),
            column('quota_count', 'integer', nullable),
            column('quota_window_seconds', 'integer', nullable),
            column('retention_days', 'integer', nullable),
            column('max_events_per_issue', 'integer', nullable),
            column('allowed_origins', 'text', { default: '[]' }),
          ],
        },
      },
    ],
  },
  {
    // Grouping per project (digest/grouping/transition.ts): the version new events are hashed
    // with, and while a project moves between versions, the old one, consulted until a time, so
    // events whose new hash is new still join the issue their old hash leads to.
    steps: [
      {
        kind: 'column',
        table: 'projects',
        column: column('grouping_version', 'text', { default: 'v2' }),
      },
      {
        kind: 'column',
        table: 'projects',
        column: column('secondary_grouping_version', 'text', nullable),
      },
      {
        kind: 'column',
        table: 'projects',
        column: column('secondary_grouping_until', 'real', nullable),
      },
      // Every project so far grouped by v1: it moves to v2 with v1 as its secondary for 90 days,
      // so upgrading does not split every open issue in two.
      {
        kind: 'backfill',
        table: 'projects',
        column: 'secondary_grouping_version',
        expression: "'v1'",
      },
      {
        kind: 'backfill',
        table: 'projects',
        column: 'secondary_grouping_until',
        expression: { secondsFromNow: 90 * 24 * 60 * 60 },
      },
      // The secondary hash through which this hash joined its issue ("why grouped" says so).
      {
        kind: 'column',
        table: 'issue_hashes',
        column: column('joined_via_hash', 'text', nullable),
      },
    ],
  },
  { steps: releaseSteps() },
];

function issueTables(): Migration['steps'] {
  return [
    {
      kind: 'table',
      name: 'issues',
      columns: [
        column('id', 'id'),
        column('project_id', 'integer', projectRef),
        column('title', 'text'),
        column('culprit', 'text'),
        column('type', 'text', nullable),
        column('value', 'text', nullable),
        column('level', 'text'),
        column('platform', 'text'),
        column('status', 'text', { default: 'unresolved' }),
        column('times_seen', 'integer', { default: 0 }),
        column('user_count', 'integer', { default: 0 }),
        column('first_seen', 'real'),
        column('last_seen', 'real'),
        column('first_release', 'text', nullable),
        column('last_release', 'text', nullable),
        column('resolved_at', 'real', nullable),
        column('regressed_at', 'real', nullable),
      ],
    },
    {
      kind: 'index',
      name: 'issues_project_last_seen',
      table: 'issues',
      columns: indexColumns('project_id', 'last_seen DESC'),
    },
    // Each hash remembers the grouping version and the components that produced it.
    {
      kind: 'table',
      name: 'issue_hashes',
      columns: [
        column('project_id', 'integer'),
        column('hash', 'text'),
        column('issue_id', 'integer', issueRef),
        column('grouping_version', 'text'),
        column('components', 'text'),
      ],
      primaryKey: ['project_id', 'hash'],
      withoutRowid: true,
    },
    {
      kind: 'index',
      name: 'issue_hashes_issue',
      table: 'issue_hashes',
      columns: indexColumns('issue_id'),
    },
    {
      kind: 'table',
      name: 'issue_hourly',
      columns: [
        column('issue_id', 'integer', issueRef),
        column('hour', 'integer'),
        column('count', 'integer'),
      ],
      primaryKey: ['issue_id', 'hour'],
      withoutRowid: true,
    },
    {
      kind: 'table',
      name: 'issue_tags',
      columns: [
        column('issue_id', 'integer', issueRef),
        column('key', 'text'),
        column('value', 'text'),
        column('count', 'integer'),
        column('first_seen', 'real'),
        column('last_seen', 'real'),
      ],
      primaryKey: ['issue_id', 'key', 'value'],
      withoutRowid: true,
    },
    {
      kind: 'table',
      name: 'issue_users',
      columns: [column('issue_id', 'integer', issueRef), column('user_key', 'text')],
      primaryKey: ['issue_id', 'user_key'],
      withoutRowid: true,
    },
    {
      kind: 'table',
      name: 'issue_activity',
      columns: [
        column('id', 'id'),
        column('issue_id', 'integer', issueRef),
        column('kind', 'text'),
        column('at', 'real'),
        column('data', 'text', { default: '{}' }),
      ],
    },
    {
      kind: 'index',
      name: 'issue_activity_issue',
      table: 'issue_activity',
      columns: indexColumns('issue_id', 'id'),
    },
  ];
}

function eventTables(): Migration['steps'] {
  return [
    EVENTS_TABLE,
    {
      kind: 'index',
      name: 'events_project_event_id',
      table: 'events',
      columns: indexColumns('project_id', 'event_id'),
      unique: true,
    },
    EVENTS_BY_ISSUE,
    {
      kind: 'table',
      name: 'attachments',
      columns: [
        column('id', 'id'),
        column('project_id', 'integer', projectRef),
        column('event_id', 'text'),
        column('filename', 'text'),
        column('content_type', 'text', nullable),
        column('attachment_type', 'text', nullable),
        column('size', 'integer'),
        column('data', 'blob'),
      ],
    },
    {
      kind: 'index',
      name: 'attachments_event',
      table: 'attachments',
      columns: indexColumns('project_id', 'event_id'),
    },
  ];
}

/** People, their browser sessions and API tokens, and which projects a member sees. */
function accountTables(): Migration['steps'] {
  return [
    {
      kind: 'table',
      name: 'users',
      columns: [
        column('id', 'id'),
        // Kept lower-cased: one account per address however it is typed.
        column('email', 'text'),
        column('name', 'text', { default: '' }),
        // scrypt, with its parameters and salt (src/accounts/password.ts).
        column('password_hash', 'text'),
        column('role', 'text', { check: "role IN ('admin', 'member')" }),
        column('created_at', 'real'),
      ],
    },
    {
      kind: 'index',
      name: 'users_email',
      table: 'users',
      columns: indexColumns('email'),
      unique: true,
    },
    {
      kind: 'table',
      name: 'project_members',
      columns: [column('project_id', 'integer', projectRef), column('user_id', 'integer', userRef)],
      primaryKey: ['project_id', 'user_id'],
      withoutRowid: true,
    },
    {
      kind: 'index',
      name: 'project_members_user',
      table: 'project_members',
      columns: indexColumns('user_id'),
    },
    // A session or token is stored as the SHA-256 of its secret: a copy of the database logs
    // nobody in.
    {
      kind: 'table',
      name: 'sessions',
      columns: [
        column('secret_hash', 'text', { primaryKey: true }),
        column('user_id', 'integer', userRef),
        column('csrf_token', 'text'),
        column('created_at', 'real'),
        column('last_used_at', 'real'),
        column('expires_at', 'real'),
      ],
    },
    {
      kind: 'index',
      name: 'sessions_user',
      table: 'sessions',
      columns: indexColumns('user_id'),
    },
    {
      kind: 'table',
      name: 'api_tokens',
      columns: [
        column('id', 'id'),
        column('user_id', 'integer', userRef),
        column('name', 'text'),
        column('secret_hash', 'text'),
        // The first characters of the secret, so a list can tell tokens apart.
        column('hint', 'text'),
        column('scope', 'text', { check: "scope IN ('read', 'write', 'admin')" }),
        column('created_at', 'real'),
        column('last_used_at', 'real', nullable),
      ],
    },
    {
      kind: 'index',
      name: 'api_tokens_secret',
      table: 'api_tokens',
      columns: indexColumns('secret_hash'),
      unique: true,
    },
    {
      kind: 'index',
      name: 'api_tokens_user',
      table: 'api_tokens',
      columns: indexColumns('user_id'),
    },
  ];
}

/** Per-project settings the API edits; NULL means the server's default. */
function projectSettingColumns(): Migration['steps'] {
  return [
    { kind: 'column', table: 'projects', column: column('retention_days', 'integer', nullable) },
    {
      kind: 'column',
      table: 'projects',
      column: column('max_events_per_issue', 'integer', nullable),
    },
    // Origins browser SDKs may send from, as a JSON array; empty allows any.
    {
      kind: 'column',
      table: 'projects',
      column: column('allowed_origins', 'text', { default: '[]' }),
    },
  ];
}

/**
 * Alerts (src/alerts/): channels and rules per project, the notifications rules produce (a
 * durable queue: written in the same transaction that consumes their trigger), each delivery
 * attempt, and which issue activity is still to be looked at.
 */
function alertTables(): Migration['steps'] {
  const ruleRef = { references: { table: 'alert_rules', column: 'id' } } as const;
  const channelRef = { references: { table: 'alert_channels', column: 'id' } } as const;
  return [
    // Issue activity the alert engine has not looked at yet. A flag, not a cursor: on PostgreSQL
    // ids commit out of order across nodes, and a cursor could step over one. What was there
    // before alerts existed is not news.
    {
      kind: 'column',
      table: 'issue_activity',
      column: column('alert_pending', 'integer', { default: 1 }),
    },
    { kind: 'backfill', table: 'issue_activity', column: 'alert_pending', expression: '0' },
    {
      kind: 'index',
      name: 'issue_activity_alert_pending',
      table: 'issue_activity',
      columns: indexColumns('id'),
      where: 'alert_pending = 1',
    },
    {
      kind: 'table',
      name: 'alert_channels',
      columns: [
        column('id', 'id', { neverReuseIds: true }),
        column('project_id', 'integer', projectRef),
        column('name', 'text'),
        column('kind', 'text', { check: "kind IN ('email', 'webhook', 'slack', 'discord')" }),
        // JSON, secrets included: the API shows them masked (alerts/channels/mask-secrets.ts).
        column('config', 'text'),
        column('created_at', 'real'),
      ],
    },
    {
      kind: 'index',
      name: 'alert_channels_project',
      table: 'alert_channels',
      columns: indexColumns('project_id'),
    },
    {
      kind: 'table',
      name: 'alert_rules',
      columns: [
        column('id', 'id', { neverReuseIds: true }),
        column('project_id', 'integer', projectRef),
        column('name', 'text'),
        column('trigger_kind', 'text', {
          check: "trigger_kind IN ('new_issue', 'regression', 'frequency', 'users')",
        }),
        // frequency: events within window_minutes; users: distinct users.
        column('threshold', 'integer', nullable),
        column('window_minutes', 'integer', nullable),
        // JSON: {"levels": [...], "environment": "...", "release": "..."}
        column('filters', 'text', { default: '{}' }),
        // JSON array of alert_channels ids.
        column('channel_ids', 'text', { default: '[]' }),
        column('throttle_minutes', 'integer'),
        column('enabled', 'boolean', { default: true }),
        column('created_at', 'real'),
      ],
    },
    {
      kind: 'index',
      name: 'alert_rules_project',
      table: 'alert_rules',
      columns: indexColumns('project_id'),
    },
    // When a rule last told of an issue: its throttle, and "users" fires once per issue.
    {
      kind: 'table',
      name: 'alert_rule_issues',
      columns: [
        column('rule_id', 'integer', ruleRef),
        column('issue_id', 'integer', issueRef),
        column('last_notified_at', 'real'),
      ],
      primaryKey: ['rule_id', 'issue_id'],
      withoutRowid: true,
    },
    {
      kind: 'table',
      name: 'alert_notifications',
      columns: [
        column('id', 'id', { neverReuseIds: true }),
        column('project_id', 'integer', projectRef),
        column('rule_id', 'integer', ruleRef),
        column('channel_id', 'integer', channelRef),
        // NULL once the issue is deleted: the notification still tells what happened.
        column('issue_id', 'integer', nullable),
        column('trigger_kind', 'text'),
        column('created_at', 'real'),
        column('status', 'text', {
          default: 'pending',
          check: "status IN ('pending', 'sent', 'failed', 'merged')",
        }),
        column('attempts', 'integer', { default: 0 }),
        column('next_attempt_at', 'real'),
        // Which notification's delivery told of this one too (a storm summary).
        column('sent_with', 'integer', nullable),
        column('sent_at', 'real', nullable),
        column('last_error', 'text', nullable),
      ],
    },
    {
      kind: 'index',
      name: 'alert_notifications_due',
      table: 'alert_notifications',
      columns: indexColumns('next_attempt_at'),
      where: "status = 'pending'",
    },
    {
      kind: 'index',
      name: 'alert_notifications_project',
      table: 'alert_notifications',
      columns: indexColumns('project_id', 'id'),
    },
    {
      kind: 'index',
      name: 'alert_notifications_rule_channel',
      table: 'alert_notifications',
      columns: indexColumns('rule_id', 'channel_id', 'sent_at'),
    },
    {
      kind: 'table',
      name: 'alert_attempts',
      columns: [
        column('id', 'id'),
        column('notification_id', 'integer', {
          references: { table: 'alert_notifications', column: 'id' },
        }),
        column('at', 'real'),
        column('ok', 'boolean'),
        column('detail', 'text'),
        column('issues', 'integer'),
      ],
    },
    {
      kind: 'index',
      name: 'alert_attempts_notification',
      table: 'alert_attempts',
      columns: indexColumns('notification_id'),
    },
    // Which node runs alerts: one holder at a time, by lease, so two nodes never both send.
    {
      kind: 'table',
      name: 'alert_lease',
      columns: [
        column('id', 'integer', { primaryKey: true, check: 'id = 1' }),
        column('holder', 'text'),
        column('expires_at', 'real'),
      ],
    },
    { kind: 'insert', table: 'alert_lease', row: { id: 1, holder: '', expires_at: 0 } },
  ];
}

/**
 * Releases (store/releases.ts): one per project and version, made by the first event naming it
 * (digest's persist step) or by the API (sentry-cli); their deploys; issues resolved "in a
 * release" or "in the next release" (store/issue-wake.ts); and project slugs, which Sentry's
 * API names projects by.
 */
function releaseSteps(): Migration['steps'] {
  const releaseRef = { references: { table: 'releases', column: 'id' } } as const;
  return [
    {
      kind: 'table',
      name: 'releases',
      columns: [
        column('id', 'id', { neverReuseIds: true }),
        column('project_id', 'integer', projectRef),
        column('version', 'text'),
        // When Faultline first heard of it (its first event, or the API call that made it):
        // releases whose versions are not both semver are ordered by this.
        column('created_at', 'real'),
        // The event timestamps of its first and last event; NULL until an event names it.
        column('first_event', 'real', nullable),
        column('last_event', 'real', nullable),
        column('event_count', 'integer', { default: 0 }),
        // Issues whose first event came from this release.
        column('new_issues', 'integer', { default: 0 }),
        column('url', 'text', nullable),
        column('date_started', 'real', nullable),
        // When it was finalized (`sentry-cli releases finalize`).
        column('date_released', 'real', nullable),
      ],
    },
    {
      kind: 'index',
      name: 'releases_project_version',
      table: 'releases',
      columns: indexColumns('project_id', 'version'),
      unique: true,
    },
    {
      kind: 'index',
      name: 'releases_project_created',
      table: 'releases',
      columns: indexColumns('project_id', 'created_at DESC'),
    },
    {
      kind: 'table',
      name: 'release_deploys',
      columns: [
        column('id', 'id'),
        column('release_id', 'integer', releaseRef),
        column('environment', 'text'),
        column('name', 'text', nullable),
        column('url', 'text', nullable),
        column('date_started', 'real', nullable),
        column('date_finished', 'real'),
      ],
    },
    {
      kind: 'index',
      name: 'release_deploys_release',
      table: 'release_deploys',
      columns: indexColumns('release_id', 'date_finished'),
    },
    // Releases the existing issues name, so an upgraded install lists them. Only the issues'
    // first and last releases are read (one pass over issues, never over events): event counts
    // start at this migration.
    {
      kind: 'insert-select',
      table: 'releases',
      columns: ['project_id', 'version', 'created_at', 'first_event', 'last_event', 'new_issues'],
      select: `SELECT project_id, version, min(seen), min(seen), max(seen), sum(is_new)
        FROM (SELECT project_id, first_release AS version, first_seen AS seen, 1 AS is_new
                FROM issues WHERE first_release IS NOT NULL
              UNION ALL
              SELECT project_id, last_release, last_seen, 0
                FROM issues WHERE last_release IS NOT NULL) AS named
        GROUP BY project_id, version`,
    },
    // An issue resolved with a release: 'in_release' regresses on events of that release or a
    // later one, 'in_next_release' only on a release later than it. Both NULL for a plain resolve.
    { kind: 'column', table: 'issues', column: column('resolved_release', 'text', nullable) },
    {
      kind: 'column',
      table: 'issues',
      column: column('resolved_release_kind', 'text', nullable),
    },
    // Sentry's API (sentry-cli) names projects by slug. The first project is `default`, as
    // `serve` names it; the others get one from their id until someone renames them.
    { kind: 'column', table: 'projects', column: column('slug', 'text', nullable) },
    {
      kind: 'backfill',
      table: 'projects',
      column: 'slug',
      expression: `CASE WHEN id = (SELECT min(id) FROM projects) THEN 'default'
        ELSE 'project-' || id END`,
    },
    {
      kind: 'index',
      name: 'projects_slug',
      table: 'projects',
      columns: indexColumns('slug'),
      unique: true,
    },
  ];
}
