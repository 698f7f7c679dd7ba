import type { FaultlineClient, KeyJson } from '../../../lib/client';

/** POST /api/0/projects/:id/keys/:key/rotate/: a new key with the same limit; the old one off. */
export function rotateKey(
  client: FaultlineClient,
  projectId: number,
  keyId: string,
): Promise<KeyJson> {
  return client.rotateKey(projectId, keyId);
}
