import type { ProjectJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/: the project and its settings (404 when it is not yours). */
export function useProject(projectId: number): AsyncState<ProjectJson> {
  const client = useClient();
  return useAsync(() => client.getProject(projectId), [client, projectId]);
}
