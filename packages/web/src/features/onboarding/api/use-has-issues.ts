import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/**
 * GET /api/0/projects/:id/issues/?query=&limit=1: whether the project has any issue at all,
 * whatever its status (an empty query matches everything; the list's default is unresolved).
 */
export function useHasIssues(projectId: number): AsyncState<boolean> {
  const client = useClient();
  return useAsync(
    async () => (await client.listIssues(projectId, { query: '', limit: 1 })).items.length > 0,
    [client, projectId],
  );
}
