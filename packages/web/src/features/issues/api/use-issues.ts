import type { IssueListItemJson, IssueSort, Page, StatsPeriod } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

export interface IssueSearch {
  query: string;
  sort: IssueSort;
  cursor: string | undefined;
  /** The sparkline's span. */
  period: StatsPeriod;
}

/** GET /api/0/projects/:id/issues/: one page of a search, and the next page's cursor. */
export function useIssues(
  projectId: number,
  search: IssueSearch,
): AsyncState<Page<IssueListItemJson>> {
  const client = useClient();
  const { query, sort, cursor, period } = search;
  return useAsync(
    () =>
      client.listIssues(projectId, {
        query,
        sort,
        stats: period,
        ...(cursor === undefined ? {} : { cursor }),
      }),
    [client, projectId, query, sort, cursor, period],
  );
}
