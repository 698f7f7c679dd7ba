import type { GroupingJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/issues/:id/grouping/: the hashes that lead here and what each was made of. */
export function useIssueGrouping(issueId: number): AsyncState<GroupingJson[]> {
  const client = useClient();
  return useAsync(() => client.issueGrouping(issueId), [client, issueId]);
}
