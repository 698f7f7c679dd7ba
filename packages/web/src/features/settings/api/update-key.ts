import type { FaultlineClient, KeyChanges, KeyJson } from '../../../lib/client';

/** PUT /api/0/projects/:id/keys/:key/: enable or disable it, set or remove its rate limit. */
export function updateKey(
  client: FaultlineClient,
  projectId: number,
  keyId: string,
  changes: KeyChanges,
): Promise<KeyJson> {
  return client.updateKey(projectId, keyId, changes);
}
