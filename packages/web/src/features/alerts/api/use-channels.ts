import type { AlertChannelJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/alert-channels/: the channels, secrets masked. */
export function useChannels(projectId: number): AsyncState<AlertChannelJson[]> {
  const client = useClient();
  return useAsync(() => client.listAlertChannels(projectId), [client, projectId]);
}
