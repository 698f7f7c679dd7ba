import type { ReleaseJson } from './client';
import { useClient } from './session';
import { useAsync } from './use-async';
import type { AsyncState } from './use-async';

/**
 * GET /api/0/projects/:id/releases/: the project's releases, newest first. Shared by the issue
 * list (its release filter) and the issue page (resolving in a release), which as features do
 * not import each other.
 */
export function useReleases(projectId: number): AsyncState<ReleaseJson[]> {
  const client = useClient();
  return useAsync(() => client.listReleases(projectId), [client, projectId]);
}
