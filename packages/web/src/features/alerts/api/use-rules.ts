import type { AlertRuleJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/alert-rules/: when this project's people are told. */
export function useRules(projectId: number): AsyncState<AlertRuleJson[]> {
  const client = useClient();
  return useAsync(() => client.listAlertRules(projectId), [client, projectId]);
}
