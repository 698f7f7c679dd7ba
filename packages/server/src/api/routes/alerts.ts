/**
 * Alerts per project: channels (how people are told; secrets shown masked), rules (when), and
 * the notifications they produced with every delivery attempt. Members of the project write
 * rules: being told of one's own project's crashes needs no admin. Channels are admins': they
 * hold SMTP passwords, and a webhook is a request this server makes wherever it is pointed
 * (internal addresses included), with the start of the answer shown back.
 */
import { z } from 'zod';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  updateChannel,
} from '../../alerts/channel-store.js';
import { deliver } from '../../alerts/channels/deliver.js';
import { maskChannelConfig, mergeChannelSecrets } from '../../alerts/channels/mask-secrets.js';
import { channelConfigInput } from '../../alerts/channels/validate-config.js';
import { createRule, deleteRule, getRule, listRules, updateRule } from '../../alerts/rule-store.js';
import type { AlertRule, RuleInput } from '../../alerts/rule-store.js';
import type { AlertChannel } from '../../alerts/types.js';
import type { Project } from '../../store/types.js';
import { TRIGGERS } from '../../alerts/types.js';
import {
  booleanColumn,
  numberColumn,
  optionalNumberColumn,
  optionalStringColumn,
  placeholders,
  stringColumn,
} from '../../store/sql.js';
import type { Sql } from '../../store/sql.js';
import { ApiError } from '../errors.js';
import { nextPageHeaders } from '../pagination.js';
import { json, noContent, route } from '../route.js';
import { id, label, limit, projectParams } from '../schemas.js';
import { isoTime } from '../serialize.js';

const WRITE = { scope: 'write' } as const;
const ADMIN = { scope: 'admin', role: 'admin' } as const;
const channelParams = projectParams.extend({ channelId: id });
const ruleParams = projectParams.extend({ ruleId: id });
const LEVELS = ['fatal', 'error', 'warning', 'info', 'debug'] as const;
const MAX_WINDOW_MINUTES = 7 * 24 * 60;

export function channelJson(channel: AlertChannel) {
  return {
    id: channel.id,
    projectId: channel.projectId,
    name: channel.name,
    kind: channel.config.kind,
    config: maskChannelConfig(channel.config),
    createdAt: isoTime(channel.createdAt),
  };
}

export function ruleJson(rule: AlertRule) {
  return {
    id: rule.id,
    projectId: rule.projectId,
    name: rule.name,
    trigger: rule.trigger,
    threshold: rule.threshold ?? null,
    windowMinutes: rule.windowMinutes ?? null,
    filters: rule.filters,
    channelIds: rule.channelIds,
    throttleMinutes: rule.throttleMinutes,
    enabled: rule.enabled,
    createdAt: isoTime(rule.createdAt),
  };
}

const ruleBody = z
  .object({
    name: label(200),
    trigger: z.enum(TRIGGERS),
    threshold: z.number().int().min(1).max(1_000_000_000).optional(),
    windowMinutes: z.number().int().min(1).max(MAX_WINDOW_MINUTES).optional(),
    filters: z
      .object({
        levels: z.array(z.enum(LEVELS)).max(LEVELS.length).optional(),
        environment: label(200).optional(),
        release: label(200).optional(),
      })
      .strict()
      .default({}),
    channelIds: z.array(id).max(20),
    throttleMinutes: z.number().int().min(0).max(MAX_WINDOW_MINUTES).default(60),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    const thresholded = rule.trigger === 'frequency' || rule.trigger === 'users';
    if (thresholded && rule.threshold === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${rule.trigger} needs a threshold`,
      });
    }
    if (!thresholded && rule.threshold !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${rule.trigger} takes no threshold`,
      });
    }
    if (rule.trigger === 'frequency' && rule.windowMinutes === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['windowMinutes'],
        message: 'frequency needs windowMinutes',
      });
    }
    if (rule.trigger !== 'frequency' && rule.windowMinutes !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['windowMinutes'],
        message: 'only frequency takes windowMinutes',
      });
    }
  });

type RuleBody = z.output<typeof ruleBody>;

/** The body as the store keeps it, its channels checked to be this project's. */
async function ruleInput(sql: Sql, project: Project, body: RuleBody): Promise<RuleInput> {
  const projectId = project.id;
  // The check counts the issue's stored events, which the per-issue cap trims.
  const cap = project.maxEventsPerIssue;
  if (body.trigger === 'frequency' && cap !== undefined && (body.threshold ?? 0) > cap) {
    throw new ApiError(
      'invalid_request',
      `this project keeps at most ${cap} events per issue, so ${body.threshold} could never be counted`,
      { field: 'body.threshold' },
    );
  }
  const own = new Set((await listChannels(sql, projectId)).map((channel) => channel.id));
  const foreign = body.channelIds.find((channelId) => !own.has(channelId));
  if (foreign !== undefined) {
    throw new ApiError('invalid_request', `project ${projectId} has no alert channel ${foreign}`, {
      field: 'body.channelIds',
    });
  }
  const { levels, environment, release } = body.filters;
  return {
    name: body.name,
    trigger: body.trigger,
    threshold: body.threshold,
    windowMinutes: body.windowMinutes,
    filters: {
      ...(levels === undefined ? {} : { levels }),
      ...(environment === undefined ? {} : { environment }),
      ...(release === undefined ? {} : { release }),
    },
    channelIds: [...new Set(body.channelIds)],
    throttleMinutes: body.throttleMinutes,
    enabled: body.enabled,
  };
}

async function existingChannel(sql: Sql, projectId: number, channelId: number) {
  const channel = await getChannel(sql, projectId, channelId);
  if (channel === undefined)
    throw new ApiError('not_found', `project ${projectId} has no alert channel ${channelId}`);
  return channel;
}

async function existingRule(sql: Sql, projectId: number, ruleId: number) {
  const rule = await getRule(sql, projectId, ruleId);
  if (rule === undefined)
    throw new ApiError('not_found', `project ${projectId} has no alert rule ${ruleId}`);
  return rule;
}

export const alertRoutes = [
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/alert-channels/',
    summary: "A project's alert channels (secrets masked)",
    tag: 'alerts',
    access: { scope: 'read' },
    params: projectParams,
    async handle({ params, services }) {
      return json((await listChannels(services.store.sql, params.projectId)).map(channelJson));
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/alert-channels/',
    summary:
      'Add an alert channel: email (SMTP), webhook, Slack-compatible or Discord (at most 100 ' +
      'per project: 409 limit_reached)',
    tag: 'alerts',
    access: ADMIN,
    params: projectParams,
    body: z.object({ name: label(200), config: channelConfigInput }),
    async handle({ params, body, services }) {
      const config = mergeChannelSecrets(undefined, body.config);
      const channel = await createChannel(services.store.sql, params.projectId, body.name, config);
      return json(channelJson(channel), 201);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/projects/:projectId/alert-channels/:channelId/',
    summary: 'Rename a channel or change its settings (secrets left out are kept)',
    tag: 'alerts',
    access: ADMIN,
    params: channelParams,
    body: z.object({ name: label(200).optional(), config: channelConfigInput.optional() }),
    async handle({ params, body, services }) {
      const { sql } = services.store;
      const channel = await existingChannel(sql, params.projectId, params.channelId);
      await updateChannel(sql, channel.id, {
        name: body.name,
        config: body.config && mergeChannelSecrets(channel.config, body.config),
      });
      return json(channelJson(await existingChannel(sql, params.projectId, params.channelId)));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/0/projects/:projectId/alert-channels/:channelId/',
    summary: 'Remove a channel, with its notifications',
    tag: 'alerts',
    access: ADMIN,
    params: channelParams,
    async handle({ params, services }) {
      const { sql } = services.store;
      await deleteChannel(sql, (await existingChannel(sql, params.projectId, params.channelId)).id);
      return noContent();
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/alert-channels/:channelId/test/',
    summary: 'Send a test notification through a channel now, and say how it went',
    tag: 'alerts',
    access: ADMIN,
    params: channelParams,
    async handle({ params, project, services }) {
      const channel = await existingChannel(services.store.sql, params.projectId, params.channelId);
      const result = await deliver(
        channel.config,
        {
          project: { id: project.id, name: project.name },
          rule: { id: 0, name: 'test notification', trigger: 'new_issue' },
          issues: [],
          moreIssues: 0,
          triggeredAt: Date.now() / 1000,
          test: true,
        },
        { signal: AbortSignal.timeout(20_000) },
      );
      return json({ ok: result.ok, detail: result.detail });
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/alert-rules/',
    summary: "A project's alert rules",
    tag: 'alerts',
    access: { scope: 'read' },
    params: projectParams,
    async handle({ params, services }) {
      return json((await listRules(services.store.sql, params.projectId)).map(ruleJson));
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/alert-rules/',
    summary:
      'Add a rule: new issue, regression, frequency (N events in M minutes) or N users (at ' +
      'most 100 per project: 409 limit_reached). Rules matching the same trigger of an issue ' +
      'send one message per channel',
    tag: 'alerts',
    access: WRITE,
    params: projectParams,
    body: ruleBody,
    async handle({ params, body, project, services }) {
      const { sql } = services.store;
      const rule = await createRule(sql, params.projectId, await ruleInput(sql, project, body));
      return json(ruleJson(rule), 201);
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/projects/:projectId/alert-rules/:ruleId/',
    summary: 'Replace a rule',
    tag: 'alerts',
    access: WRITE,
    params: ruleParams,
    body: ruleBody,
    async handle({ params, body, project, services }) {
      const { sql } = services.store;
      const rule = await existingRule(sql, params.projectId, params.ruleId);
      await updateRule(sql, rule.id, await ruleInput(sql, project, body));
      return json(ruleJson(await existingRule(sql, params.projectId, params.ruleId)));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/0/projects/:projectId/alert-rules/:ruleId/',
    summary: 'Remove a rule, with its notifications',
    tag: 'alerts',
    access: WRITE,
    params: ruleParams,
    async handle({ params, services }) {
      const { sql } = services.store;
      await deleteRule(sql, (await existingRule(sql, params.projectId, params.ruleId)).id);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/alert-notifications/',
    summary: 'Notifications, newest first, each with its delivery attempts',
    tag: 'alerts',
    access: { scope: 'read' },
    params: projectParams,
    query: z.object({ cursor: id.optional(), limit: limit(100, 50) }),
    async handle({ params, query, services, url }) {
      const { sql } = services.store;
      const rows = await sql.all(
        `SELECT id, rule_id, channel_id, issue_id, trigger_kind, created_at, status, attempts,
           next_attempt_at, sent_with, sent_at, last_error
         FROM alert_notifications WHERE project_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
        [params.projectId, query.cursor ?? Number.MAX_SAFE_INTEGER, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      const attempts = await attemptsOf(
        sql,
        page.map((row) => numberColumn(row, 'id')),
      );
      const body = page.map((row) => {
        const notificationId = numberColumn(row, 'id');
        const sentAt = optionalNumberColumn(row, 'sent_at');
        const status = stringColumn(row, 'status');
        return {
          id: notificationId,
          ruleId: numberColumn(row, 'rule_id'),
          channelId: numberColumn(row, 'channel_id'),
          issueId: optionalNumberColumn(row, 'issue_id') ?? null,
          trigger: stringColumn(row, 'trigger_kind'),
          createdAt: isoTime(numberColumn(row, 'created_at')),
          status,
          attempts: numberColumn(row, 'attempts'),
          nextAttemptAt:
            status === 'pending' ? isoTime(numberColumn(row, 'next_attempt_at')) : null,
          sentWith: optionalNumberColumn(row, 'sent_with') ?? null,
          sentAt: sentAt === undefined ? null : isoTime(sentAt),
          lastError: optionalStringColumn(row, 'last_error') ?? null,
          attemptLog: attempts.get(notificationId) ?? [],
        };
      });
      const last = page.at(-1);
      const more = rows.length > query.limit && last !== undefined;
      return json(
        body,
        200,
        nextPageHeaders(url, more ? String(numberColumn(last, 'id')) : undefined),
      );
    },
  }),
];

async function attemptsOf(sql: Sql, notificationIds: number[]) {
  const byNotification = new Map<
    number,
    Array<{ at: string; ok: boolean; detail: string; issues: number }>
  >();
  if (notificationIds.length === 0) return byNotification;
  const rows = await sql.all(
    `SELECT notification_id, at, ok, detail, issues FROM alert_attempts
     WHERE notification_id IN (${placeholders(notificationIds.length)}) ORDER BY id`,
    notificationIds,
  );
  for (const row of rows) {
    const notificationId = numberColumn(row, 'notification_id');
    const list = byNotification.get(notificationId) ?? [];
    list.push({
      at: isoTime(numberColumn(row, 'at')),
      ok: booleanColumn(row, 'ok'),
      detail: stringColumn(row, 'detail'),
      issues: numberColumn(row, 'issues'),
    });
    byNotification.set(notificationId, list);
  }
  return byNotification;
}
