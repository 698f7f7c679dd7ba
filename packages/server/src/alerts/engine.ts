/**
 * Turns what digest recorded into notifications. Triggers come from two places: issue activity
 * (an issue's first event, a regression), which digest writes in the transaction that stores
 * the event and flags `alert_pending`; and thresholds (N events in M minutes, N users), checked
 * on the issues active lately. Consuming the triggers and queueing their notifications is one
 * transaction, so a crash between them can neither lose a notification nor queue it twice.
 *
 * A channel is told of one trigger once: when several rules match the same issue's trigger and
 * name the same channel, the first rule (by id) queues the one notification (300 rules on one
 * channel once made one new issue 300 webhooks).
 */
import { numberColumn, optionalStringColumn, placeholders, stringColumn } from '../store/sql.js';
import type { Sql } from '../store/sql.js';
import { passesFilters } from './rule-matches.js';
import type { IssueFacts } from './rule-matches.js';
import { listEnabledRules } from './rule-store.js';
import type { AlertRule } from './rule-store.js';
import type { Trigger } from './types.js';

const ACTIVITY_BATCH = 500;
const ACTIVITY_TRIGGERS: Readonly<Record<string, Trigger>> = {
  first_seen: 'new_issue',
  regression: 'regression',
};
/** Issues seen (by their events' own clocks) this long ago may still cross a threshold. */
const ACTIVE_SLACK_SECONDS = 3600;

interface Candidate {
  issueId: number;
  projectId: number;
  trigger: Trigger;
  /** A threshold crossed is the rule's own; issue activity is for every rule that matches. */
  ruleId?: number;
}

/** One pass; resolves to the notifications it queued. */
export async function runAlertEngine(sql: Sql, now: number): Promise<number> {
  return sql.transaction(async (tx) => {
    const rules = await listEnabledRules(tx);
    const activity = await tx.all(
      `SELECT a.id, a.issue_id, a.kind, i.project_id FROM issue_activity a
       JOIN issues i ON i.id = a.issue_id
       WHERE a.alert_pending = 1 ORDER BY a.id LIMIT ${ACTIVITY_BATCH}`,
    );
    const candidates: Candidate[] = [];
    for (const row of activity) {
      const trigger = ACTIVITY_TRIGGERS[stringColumn(row, 'kind')];
      if (trigger === undefined) continue;
      candidates.push({
        issueId: numberColumn(row, 'issue_id'),
        projectId: numberColumn(row, 'project_id'),
        trigger,
      });
    }
    for (const rule of rules) candidates.push(...(await crossedThresholds(tx, rule, now)));
    const candidatesOf = new Map<number, Candidate[]>();
    for (const candidate of candidates) {
      const ofProject = candidatesOf.get(candidate.projectId);
      if (ofProject === undefined) candidatesOf.set(candidate.projectId, [candidate]);
      else ofProject.push(candidate);
    }
    let queued = 0;
    const facts = new IssueFactsCache(tx);
    /** The channel, issue and trigger of each notification this pass queued. */
    const told = new Set<string>();
    for (const rule of rules) {
      for (const candidate of candidatesOf.get(rule.projectId) ?? []) {
        if (candidate.trigger !== rule.trigger) continue;
        if (candidate.ruleId !== undefined && candidate.ruleId !== rule.id) continue;
        if (!passesFilters(rule.filters, await facts.of(candidate.issueId, rule))) continue;
        if (await throttled(tx, rule, candidate.issueId, now)) continue;
        const telling = (channelId: number) =>
          `${channelId} ${candidate.issueId} ${candidate.trigger}`;
        const channelIds = rule.channelIds.filter((channelId) => !told.has(telling(channelId)));
        for (const channelId of channelIds) told.add(telling(channelId));
        queued += await queueNotifications(tx, rule, channelIds, candidate, now);
      }
    }
    const ids = activity.map((row) => numberColumn(row, 'id'));
    if (ids.length > 0) {
      await tx.run(
        `UPDATE issue_activity SET alert_pending = 0 WHERE id IN (${placeholders(ids.length)})`,
        ids,
      );
    }
    return queued;
  });
}

/** Unresolved issues of the rule's project that crossed its threshold by now. */
async function crossedThresholds(sql: Sql, rule: AlertRule, now: number): Promise<Candidate[]> {
  if (rule.threshold === undefined) return [];
  const windowSeconds = (rule.windowMinutes ?? 60) * 60;
  const activeSince = now - windowSeconds - ACTIVE_SLACK_SECONDS;
  if (rule.trigger === 'users') {
    const rows = await sql.all(
      `SELECT id FROM issues WHERE project_id = ? AND status = 'unresolved' AND last_seen >= ?
       AND user_count >= ?`,
      [rule.projectId, activeSince, rule.threshold],
    );
    return rows.map((row) => ({
      issueId: numberColumn(row, 'id'),
      projectId: rule.projectId,
      trigger: 'users' as const,
      ruleId: rule.id,
    }));
  }
  if (rule.trigger !== 'frequency') return [];
  const active = await sql.all(
    `SELECT id FROM issues WHERE project_id = ? AND status = 'unresolved' AND last_seen >= ?
     AND times_seen >= ?`,
    [rule.projectId, activeSince, rule.threshold],
  );
  const crossed: Candidate[] = [];
  for (const row of active) {
    const issueId = numberColumn(row, 'id');
    // The threshold-th newest event (on the issue's id index): within the window, or not.
    const nth = await sql.get(
      'SELECT received_at FROM events WHERE issue_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?',
      [issueId, rule.threshold - 1],
    );
    if (nth !== undefined && numberColumn(nth, 'received_at') >= now - windowSeconds) {
      crossed.push({ issueId, projectId: rule.projectId, trigger: 'frequency', ruleId: rule.id });
    }
  }
  return crossed;
}

/** At most one notification per rule and issue per throttle interval; "users" tells once. */
async function throttled(sql: Sql, rule: AlertRule, issueId: number, now: number) {
  const row = await sql.get(
    'SELECT last_notified_at FROM alert_rule_issues WHERE rule_id = ? AND issue_id = ?',
    [rule.id, issueId],
  );
  if (row === undefined) return false;
  if (rule.trigger === 'users') return true;
  return numberColumn(row, 'last_notified_at') > now - rule.throttleMinutes * 60;
}

/** Queues the rule's notifications of the candidate to `channelIds` (the rule's, or fewer). */
async function queueNotifications(
  sql: Sql,
  rule: AlertRule,
  channelIds: readonly number[],
  candidate: Candidate,
  now: number,
): Promise<number> {
  await sql.run(
    `INSERT INTO alert_rule_issues (rule_id, issue_id, last_notified_at) VALUES (?, ?, ?)
     ON CONFLICT (rule_id, issue_id) DO UPDATE SET last_notified_at = excluded.last_notified_at`,
    [rule.id, candidate.issueId, now],
  );
  if (channelIds.length === 0) return 0;
  // Only the project's own channels: a rule naming another project's is not obeyed. (The casts
  // tell PostgreSQL what the parameters in a SELECT list are.) An issue already waiting in the
  // rule's queue for a channel (a storm window, a backoff) is told of by that one: a frequency
  // rule without a throttle finds its issue again every pass, and each copy would otherwise be
  // one more row and one more of the summary's "more issues".
  return sql.run(
    `INSERT INTO alert_notifications
       (project_id, rule_id, channel_id, issue_id, trigger_kind, created_at, next_attempt_at)
     SELECT c.project_id, CAST(? AS BIGINT), c.id, CAST(? AS BIGINT), CAST(? AS TEXT),
       CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION) FROM alert_channels c
     WHERE c.project_id = ? AND c.id IN (${placeholders(channelIds.length)})
       AND NOT EXISTS (SELECT 1 FROM alert_notifications n WHERE n.rule_id = ?
         AND n.channel_id = c.id AND n.issue_id = ? AND n.status = 'pending')`,
    [
      rule.id,
      candidate.issueId,
      candidate.trigger,
      now,
      now,
      rule.projectId,
      ...channelIds,
      rule.id,
      candidate.issueId,
    ],
  );
}

/** Looked up once per issue per pass, the environment only for rules that filter on it. */
class IssueFactsCache {
  readonly #issues = new Map<number, { level: string; release: string | undefined }>();
  readonly #environments = new Map<number, string | undefined>();
  constructor(private readonly sql: Sql) {}

  async of(issueId: number, rule: AlertRule): Promise<IssueFacts> {
    let issue = this.#issues.get(issueId);
    if (issue === undefined) {
      const row = await this.sql.get('SELECT level, last_release FROM issues WHERE id = ?', [
        issueId,
      ]);
      issue = {
        level: row === undefined ? '' : stringColumn(row, 'level'),
        release: row === undefined ? undefined : optionalStringColumn(row, 'last_release'),
      };
      this.#issues.set(issueId, issue);
    }
    if (rule.filters.environment === undefined) return { ...issue, environment: undefined };
    if (!this.#environments.has(issueId)) {
      const row = await this.sql.get(
        'SELECT environment FROM events WHERE issue_id = ? ORDER BY id DESC LIMIT 1',
        [issueId],
      );
      this.#environments.set(issueId, row && optionalStringColumn(row, 'environment'));
    }
    return { ...issue, environment: this.#environments.get(issueId) };
  }
}
