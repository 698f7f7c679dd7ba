import type { AlertRuleInput, AlertRuleJson, FaultlineClient } from '../../../lib/client';

/** POST /api/0/projects/:id/alert-rules/: members may add rules to their projects. */
export function createRule(
  client: FaultlineClient,
  projectId: number,
  rule: AlertRuleInput,
): Promise<AlertRuleJson> {
  return client.createAlertRule(projectId, rule);
}
