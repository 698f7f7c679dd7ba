import type { KeyJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/keys/: the DSN keys, each with its DSN. */
export function useKeys(projectId: number): AsyncState<KeyJson[]> {
  const client = useClient();
  return useAsync(() => client.listKeys(projectId), [client, projectId]);
}
