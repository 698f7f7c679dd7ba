import type { FaultlineClient, KeyJson } from '../../../lib/client';

/** POST /api/0/projects/:id/keys/: a new DSN key, active, without a rate limit. */
export function createKey(client: FaultlineClient, projectId: number): Promise<KeyJson> {
  return client.createKey(projectId);
}
