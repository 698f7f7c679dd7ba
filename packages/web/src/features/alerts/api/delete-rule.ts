import type { FaultlineClient } from '../../../lib/client';

/** DELETE /api/0/projects/:id/alert-rules/:rule/: with its notifications. */
export function deleteRule(
  client: FaultlineClient,
  projectId: number,
  ruleId: number,
): Promise<void> {
  return client.deleteAlertRule(projectId, ruleId);
}
