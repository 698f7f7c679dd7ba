import type { AlertRuleInput, AlertRuleJson, FaultlineClient } from '../../../lib/client';

/** PUT /api/0/projects/:id/alert-rules/:rule/: replaces the whole rule. */
export function updateRule(
  client: FaultlineClient,
  projectId: number,
  ruleId: number,
  rule: AlertRuleInput,
): Promise<AlertRuleJson> {
  return client.updateAlertRule(projectId, ruleId, rule);
}
