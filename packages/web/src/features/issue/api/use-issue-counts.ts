import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/issues/:id/counts/: events per hour or per day (only buckets with events). */
export function useIssueCounts(
  issueId: number,
  interval: 'hour' | 'day',
): AsyncState<Array<{ start: string; count: number }>> {
  const client = useClient();
  return useAsync(() => client.issueCounts(issueId, interval), [client, issueId, interval]);
}
