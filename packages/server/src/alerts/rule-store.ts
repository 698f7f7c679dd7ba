/** A project's alert rules: when to tell (the trigger, its filters) and whom (the channels). */
import { booleanColumn, numberColumn, optionalNumberColumn, stringColumn } from '../store/sql.js';
import type { Sql, SqlRow } from '../store/sql.js';
import { refuseOverCap } from '../count-limit.js';
import { RULES_PER_PROJECT } from './limits.js';
import { TRIGGERS } from './types.js';
import type { Trigger } from './types.js';

/** An event's issue must match every filter given. */
export interface RuleFilters {
  levels?: string[];
  environment?: string;
  release?: string;
}

export interface AlertRule {
  id: number;
  projectId: number;
  name: string;
  trigger: Trigger;
  /** frequency: this many events within `windowMinutes`; users: this many distinct users. */
  threshold: number | undefined;
  windowMinutes: number | undefined;
  filters: RuleFilters;
  channelIds: number[];
  /** At most one notification per issue per this many minutes. */
  throttleMinutes: number;
  enabled: boolean;
  createdAt: number;
}

export type RuleInput = Omit<AlertRule, 'id' | 'projectId' | 'createdAt'>;

const RULE_COLUMNS =
  'id, project_id, name, trigger_kind, threshold, window_minutes, filters, channel_ids, throttle_minutes, enabled, created_at';

function ruleFromRow(row: SqlRow): AlertRule {
  const trigger = stringColumn(row, 'trigger_kind');
  return {
    id: numberColumn(row, 'id'),
    projectId: numberColumn(row, 'project_id'),
    name: stringColumn(row, 'name'),
    trigger: TRIGGERS.find((known) => known === trigger) ?? 'new_issue',
    threshold: optionalNumberColumn(row, 'threshold'),
    windowMinutes: optionalNumberColumn(row, 'window_minutes'),
    // Both written only by this module, from validated input.
    filters: JSON.parse(stringColumn(row, 'filters')) as RuleFilters,
    channelIds: JSON.parse(stringColumn(row, 'channel_ids')) as number[],
    throttleMinutes: numberColumn(row, 'throttle_minutes'),
    enabled: booleanColumn(row, 'enabled'),
    createdAt: numberColumn(row, 'created_at'),
  };
}

function ruleParams(rule: RuleInput) {
  return [
    rule.name,
    rule.trigger,
    rule.threshold ?? null,
    rule.windowMinutes ?? null,
    JSON.stringify(rule.filters),
    JSON.stringify(rule.channelIds),
    rule.throttleMinutes,
    rule.enabled,
  ];
}

/** Throws CountLimitError when the project has its RULES_PER_PROJECT already. */
export async function createRule(sql: Sql, projectId: number, rule: RuleInput): Promise<AlertRule> {
  return sql.transaction(async (tx) => {
    await refuseOverCap(tx, RULES_PER_PROJECT, projectId);
    await tx.run(
      `INSERT INTO alert_rules (name, trigger_kind, threshold, window_minutes, filters, channel_ids,
         throttle_minutes, enabled, project_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...ruleParams(rule), projectId, Date.now() / 1000],
    );
    const row = await tx.get(
      `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE project_id = ? ORDER BY id DESC LIMIT 1`,
      [projectId],
    );
    return ruleFromRow(row!);
  });
}

export async function updateRule(sql: Sql, ruleId: number, rule: RuleInput): Promise<void> {
  await sql.run(
    `UPDATE alert_rules SET name = ?, trigger_kind = ?, threshold = ?, window_minutes = ?,
       filters = ?, channel_ids = ?, throttle_minutes = ?, enabled = ?
     WHERE id = ?`,
    [...ruleParams(rule), ruleId],
  );
}

export async function listRules(sql: Sql, projectId: number): Promise<AlertRule[]> {
  const rows = await sql.all(
    `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE project_id = ? ORDER BY id`,
    [projectId],
  );
  return rows.map(ruleFromRow);
}

export async function getRule(
  sql: Sql,
  projectId: number,
  ruleId: number,
): Promise<AlertRule | undefined> {
  const row = await sql.get(
    `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE id = ? AND project_id = ?`,
    [ruleId, projectId],
  );
  return row && ruleFromRow(row);
}

export async function listEnabledRules(sql: Sql): Promise<AlertRule[]> {
  const rows = await sql.all(
    `SELECT ${RULE_COLUMNS} FROM alert_rules WHERE enabled = ? ORDER BY id`,
    [true],
  );
  return rows.map(ruleFromRow);
}

/** Its notifications and their attempts go with it. */
export async function deleteRule(sql: Sql, ruleId: number): Promise<void> {
  await sql.run('DELETE FROM alert_rules WHERE id = ?', [ruleId]);
}
