import type { FaultlineClient, IssueJson, IssueStatus } from '../../../lib/client';

/** PUT /api/0/issues/:id/: resolve, ignore or unresolve this issue. */
export function setIssueStatus(
  client: FaultlineClient,
  issueId: number,
  status: IssueStatus,
): Promise<IssueJson> {
  return client.setIssueStatus(issueId, status);
}
