import type { FaultlineClient } from '../../../lib/client';

/** DELETE /api/0/tokens/:id/: the token stops working at once. */
export function revokeToken(client: FaultlineClient, tokenId: number): Promise<void> {
  return client.revokeToken(tokenId);
}
