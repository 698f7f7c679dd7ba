import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/keys/: the DSN to set SDKs up with (the oldest active key's). */
export function useDsn(projectId: number): AsyncState<string | undefined> {
  const client = useClient();
  return useAsync(
    async () => (await client.listKeys(projectId)).find((key) => key.active)?.dsn,
    [client, projectId],
  );
}
