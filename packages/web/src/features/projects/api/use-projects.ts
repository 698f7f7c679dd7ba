import type { ProjectJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/: the projects this user can see. */
export function useProjects(): AsyncState<ProjectJson[]> {
  const client = useClient();
  return useAsync(() => client.listProjects(), [client]);
}
