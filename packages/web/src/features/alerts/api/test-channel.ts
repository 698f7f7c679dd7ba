import type { FaultlineClient } from '../../../lib/client';

/** POST /api/0/projects/:id/alert-channels/:channel/test/: sends now, says how it went. */
export function testChannel(
  client: FaultlineClient,
  projectId: number,
  channelId: number,
): Promise<{ ok: boolean; detail: string }> {
  return client.testAlertChannel(projectId, channelId);
}
