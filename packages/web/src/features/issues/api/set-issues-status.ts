import type { FaultlineClient, IssueStatus } from '../../../lib/client';

/** PUT /api/0/projects/:id/issues/: resolve, ignore or unresolve several issues at once. */
export async function setIssuesStatus(
  client: FaultlineClient,
  projectId: number,
  ids: number[],
  status: IssueStatus,
): Promise<number[]> {
  return (await client.setIssuesStatus(projectId, ids, status)).updated;
}
