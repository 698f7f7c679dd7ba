import type { ProjectJson } from './client';
import { useClient } from './session';
import { useAsync } from './use-async';
import type { AsyncState } from './use-async';

/**
 * GET /api/0/projects/:id/: the project and its settings (404 when it is not yours), as it is
 * now: the settings page edits it, the releases page shows its slug.
 */
export function useProject(projectId: number): AsyncState<ProjectJson> {
  const client = useClient();
  return useAsync(() => client.getProject(projectId), [client, projectId]);
}
