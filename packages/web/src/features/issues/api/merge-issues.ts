import type { FaultlineClient, IssueJson } from '../../../lib/client';

/** POST /api/0/projects/:id/issues/merge/: the others into the first; resolves to the result. */
export function mergeIssues(
  client: FaultlineClient,
  projectId: number,
  ids: number[],
): Promise<IssueJson> {
  return client.mergeIssues(projectId, ids);
}
