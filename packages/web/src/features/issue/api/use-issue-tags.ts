import type { TagDistributionJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/issues/:id/tags/: per key, its five most frequent values. */
export function useIssueTags(issueId: number): AsyncState<TagDistributionJson[]> {
  const client = useClient();
  return useAsync(() => client.issueTags(issueId, 5), [client, issueId]);
}
