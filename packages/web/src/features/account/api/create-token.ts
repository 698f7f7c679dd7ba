import type { CreatedTokenJson, FaultlineClient, Scope } from '../../../lib/client';

/** POST /api/0/tokens/: the answer is the only place the secret ever appears. */
export function createToken(
  client: FaultlineClient,
  name: string,
  scope: Scope,
): Promise<CreatedTokenJson> {
  return client.createToken(name, scope);
}
