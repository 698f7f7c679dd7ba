import type { FaultlineClient } from '../../../lib/client';

/** DELETE /api/0/projects/:id/alert-channels/:channel/: with its notifications. */
export function deleteChannel(
  client: FaultlineClient,
  projectId: number,
  channelId: number,
): Promise<void> {
  return client.deleteAlertChannel(projectId, channelId);
}
