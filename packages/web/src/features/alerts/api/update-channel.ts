import type {
  AlertChannelConfigInput,
  AlertChannelJson,
  FaultlineClient,
} from '../../../lib/client';

/** PUT /api/0/projects/:id/alert-channels/:channel/: secrets left out (or masked) are kept. */
export function updateChannel(
  client: FaultlineClient,
  projectId: number,
  channelId: number,
  name: string,
  config: AlertChannelConfigInput,
): Promise<AlertChannelJson> {
  return client.updateAlertChannel(projectId, channelId, { name, config });
}
