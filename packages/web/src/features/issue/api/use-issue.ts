import type { IssueDetailJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/issues/:id/: the issue with its counts, status and activity. */
export function useIssue(issueId: number): AsyncState<IssueDetailJson> {
  const client = useClient();
  return useAsync(() => client.getIssue(issueId), [client, issueId]);
}
