/**
 * Sends what the engine queued. Per rule and channel, at most one delivery per storm window:
 * the first notification goes at once; whatever the same rule queues for the same channel in
 * the meantime waits for the window to pass and goes out as one summary ("and 37 more"), so a
 * storm of new issues is a few messages, not hundreds. A failed delivery is retried with
 * exponential backoff; one that cannot succeed (a 4xx, a wrong password) fails at once. Every
 * attempt is logged with its result.
 *
 * Delivery is at least once: a crash after a receiver took a message but before it is marked
 * sent sends it again after the restart, which beats losing it.
 */
import { numberColumn, optionalNumberColumn, placeholders, stringColumn } from '../store/sql.js';
import type { Sql, SqlRow } from '../store/sql.js';
import { getChannel } from './channel-store.js';
import { getRule } from './rule-store.js';
import type { AlertRule } from './rule-store.js';
import type { AlertIssue, AlertMessage, ChannelConfig, DeliveryResult } from './types.js';

export type Deliver = (
  config: ChannelConfig,
  message: AlertMessage,
  options: { signal: AbortSignal; timeoutMs?: number },
) => Promise<DeliveryResult>;

export interface AlertTiming {
  /** A rule and channel deliver at most once per this many seconds (a storm: summaries). */
  stormWindowSeconds: number;
  /** The first retry's delay; each next one doubles it (capped at 10 minutes). */
  retryBaseSeconds: number;
  maxAttempts: number;
}

export interface DeliveryOptions extends AlertTiming {
  deliver: Deliver;
  /** The web UI's page of an issue. */
  issueUrl(issueId: number): string;
}

export const DEFAULT_DELIVERY: AlertTiming = {
  stormWindowSeconds: 60,
  retryBaseSeconds: 5,
  // 5 s doubling, capped at 10 minutes: eleven retries over about fifty minutes.
  maxAttempts: 12,
};

const MAX_RETRY_DELAY_SECONDS = 600;
const MAX_RETRY_AFTER_SECONDS = 86_400;
const GROUPS_PER_PASS = 50;
const NOTIFICATIONS_PER_DELIVERY = 1000;
/** A summary names this many issues and counts the rest. */
const NAMED_ISSUES = 5;
const DELIVERY_TIMEOUT_MS = 10_000;
/** Attempts end by their own timeout; a pass is never cut short mid-delivery. */
const never = new AbortController();

interface Pending {
  id: number;
  issueId: number | undefined;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
}

/** Delivers every group that is due; resolves to how many deliveries it attempted. */
export async function deliverDue(sql: Sql, options: DeliveryOptions, now: number): Promise<number> {
  const groups = await sql.all(
    `SELECT rule_id, channel_id FROM alert_notifications
     WHERE status = 'pending' AND next_attempt_at <= ?
     GROUP BY rule_id, channel_id ORDER BY min(next_attempt_at) LIMIT ${GROUPS_PER_PASS}`,
    [now],
  );
  // Groups go side by side: one slow receiver must not hold up everyone else's alerts.
  const attempted = await Promise.all(
    groups.map((group) =>
      deliverGroup(
        sql,
        options,
        numberColumn(group, 'rule_id'),
        numberColumn(group, 'channel_id'),
        now,
      ),
    ),
  );
  return attempted.filter(Boolean).length;
}

async function deliverGroup(
  sql: Sql,
  options: DeliveryOptions,
  ruleId: number,
  channelId: number,
  now: number,
): Promise<boolean> {
  const pending = (
    await sql.all(
      `SELECT id, issue_id, attempts, created_at, next_attempt_at FROM alert_notifications
       WHERE rule_id = ? AND channel_id = ? AND status = 'pending'
       ORDER BY id LIMIT ${NOTIFICATIONS_PER_DELIVERY}`,
      [ruleId, channelId],
    )
  ).map(pendingFromRow);
  const lead = pending[0];
  if (lead === undefined) return false;
  const ids = pending.map((notification) => notification.id);
  // A group backing off after a failure waits, newcomers included, instead of being retried
  // early because one of them is due.
  const retryAt = Math.max(0, ...pending.filter((n) => n.attempts > 0).map((n) => n.nextAttemptAt));
  if (retryAt > now) {
    await setNextAttempt(sql, ids, retryAt);
    return false;
  }
  const firstTry = pending.every((notification) => notification.attempts === 0);
  if (firstTry) {
    const lastSent = await sql.get(
      `SELECT max(sent_at) AS sent_at FROM alert_notifications
       WHERE rule_id = ? AND channel_id = ? AND status = 'sent'`,
      [ruleId, channelId],
    );
    const windowEnds =
      (optionalNumberColumn(lastSent!, 'sent_at') ?? 0) + options.stormWindowSeconds;
    if (now < windowEnds) {
      await setNextAttempt(sql, ids, windowEnds);
      return false;
    }
  }
  const rule = await anyProjectRule(sql, ruleId);
  const channel = rule && (await getChannel(sql, rule.projectId, channelId));
  if (rule === undefined || channel === undefined) return false; // deleted meanwhile: cascades
  const message = { ...(await buildMessage(sql, options, rule, pending)), notificationId: lead.id };
  const result = await options
    .deliver(channel.config, message, { signal: never.signal, timeoutMs: DELIVERY_TIMEOUT_MS })
    .catch((error: unknown): DeliveryResult => ({
      ok: false,
      detail: `delivery failed: ${(error as Error).message}`,
      retryable: true,
    }));
  await recordOutcome(sql, options, { ids, lead, result, now, total: pending.length });
  return true;
}

async function recordOutcome(
  sql: Sql,
  options: DeliveryOptions,
  outcome: { ids: number[]; lead: Pending; result: DeliveryResult; now: number; total: number },
): Promise<void> {
  const { ids, lead, result, now } = outcome;
  const attempts = lead.attempts + 1;
  await sql.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO alert_attempts (notification_id, at, ok, detail, issues) VALUES (?, ?, ?, ?, ?)',
      [lead.id, now, result.ok, result.detail.slice(0, 500), outcome.total],
    );
    const others = ids.filter((id) => id !== lead.id);
    if (result.ok) {
      await tx.run(
        `UPDATE alert_notifications SET status = 'sent', sent_at = ?, attempts = ?, last_error = NULL
         WHERE id = ?`,
        [now, attempts, lead.id],
      );
      if (others.length > 0) {
        await tx.run(
          `UPDATE alert_notifications SET status = 'merged', sent_with = ?, sent_at = ?
           WHERE id IN (${placeholders(others.length)})`,
          [lead.id, now, ...others],
        );
      }
      return;
    }
    const giveUp = !result.retryable || attempts >= options.maxAttempts;
    // A receiver's Retry-After is honoured when it asks for longer than the backoff.
    const backoff = options.retryBaseSeconds * 2 ** (attempts - 1);
    const asked = result.retryAfterSeconds ?? 0;
    // Our own backoff is capped; a receiver's Retry-After up to a day is obeyed as given.
    const delay = Math.max(
      Math.min(MAX_RETRY_DELAY_SECONDS, backoff),
      Math.min(MAX_RETRY_AFTER_SECONDS, asked),
    );
    await tx.run(
      `UPDATE alert_notifications SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?
       WHERE id IN (${placeholders(ids.length)})`,
      [giveUp ? 'failed' : 'pending', attempts, now + delay, result.detail.slice(0, 500), ...ids],
    );
  });
}

async function buildMessage(
  sql: Sql,
  options: DeliveryOptions,
  rule: AlertRule,
  pending: Pending[],
): Promise<AlertMessage> {
  // Issues, not notifications: one issue can be queued twice (a regression told again while
  // the group backs off), and it is still one issue.
  const distinct = [
    ...new Set(pending.flatMap((n) => (n.issueId === undefined ? [] : [n.issueId]))),
  ];
  const unknown = pending.filter((n) => n.issueId === undefined).length;
  const issueIds = distinct.slice(0, NAMED_ISSUES);
  const rows =
    issueIds.length === 0
      ? []
      : await sql.all(
          `SELECT id, title, culprit, level, times_seen, user_count, first_seen, last_seen
           FROM issues WHERE id IN (${placeholders(issueIds.length)})`,
          issueIds,
        );
  const issues = rows.map((row) => issueFromRow(row, options));
  const project = await sql.get('SELECT name FROM projects WHERE id = ?', [rule.projectId]);
  return {
    project: {
      id: rule.projectId,
      name: project === undefined ? '' : stringColumn(project, 'name'),
    },
    rule: { id: rule.id, name: rule.name, trigger: rule.trigger },
    issues,
    moreIssues: distinct.length + unknown - issues.length,
    triggeredAt: Math.min(...pending.map((n) => n.createdAt)),
  };
}

function issueFromRow(row: SqlRow, options: DeliveryOptions): AlertIssue {
  const id = numberColumn(row, 'id');
  return {
    id,
    title: stringColumn(row, 'title'),
    culprit: stringColumn(row, 'culprit'),
    level: stringColumn(row, 'level'),
    count: numberColumn(row, 'times_seen'),
    userCount: numberColumn(row, 'user_count'),
    firstSeen: numberColumn(row, 'first_seen'),
    lastSeen: numberColumn(row, 'last_seen'),
    url: options.issueUrl(id),
  };
}

function pendingFromRow(row: SqlRow): Pending {
  return {
    id: numberColumn(row, 'id'),
    issueId: optionalNumberColumn(row, 'issue_id'),
    attempts: numberColumn(row, 'attempts'),
    createdAt: numberColumn(row, 'created_at'),
    nextAttemptAt: numberColumn(row, 'next_attempt_at'),
  };
}

async function setNextAttempt(sql: Sql, ids: number[], at: number): Promise<void> {
  await sql.run(
    `UPDATE alert_notifications SET next_attempt_at = ? WHERE id IN (${placeholders(ids.length)})`,
    [at, ...ids],
  );
}

async function anyProjectRule(sql: Sql, ruleId: number): Promise<AlertRule | undefined> {
  const row = await sql.get('SELECT project_id FROM alert_rules WHERE id = ?', [ruleId]);
  return row && getRule(sql, numberColumn(row, 'project_id'), ruleId);
}
