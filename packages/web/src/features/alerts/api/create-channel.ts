import type {
  AlertChannelConfigInput,
  AlertChannelJson,
  FaultlineClient,
} from '../../../lib/client';

/** POST /api/0/projects/:id/alert-channels/: admins only. */
export function createChannel(
  client: FaultlineClient,
  projectId: number,
  name: string,
  config: AlertChannelConfigInput,
): Promise<AlertChannelJson> {
  return client.createAlertChannel(projectId, name, config);
}
