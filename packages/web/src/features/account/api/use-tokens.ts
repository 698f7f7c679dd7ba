import type { TokenJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/tokens/: your API tokens, without their secrets. */
export function useTokens(): AsyncState<TokenJson[]> {
  const client = useClient();
  return useAsync(() => client.listTokens(), [client]);
}
