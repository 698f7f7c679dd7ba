import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';

/** GET /api/0/projects/:id/tags/: the tag keys in use, for completing the search box. */
export function useTagKeys(projectId: number): string[] {
  const client = useClient();
  const keys = useAsync(() => client.projectTagKeys(projectId), [client, projectId]);
  return (keys.data ?? []).map((tag) => tag.key);
}
