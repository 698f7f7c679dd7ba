import type { FaultlineClient, IssueJson, IssueStatus, StatusOptions } from '../../../lib/client';

/** PUT /api/0/issues/:id/: resolve (now or in a release), ignore or unresolve this issue. */
export function setIssueStatus(
  client: FaultlineClient,
  issueId: number,
  status: IssueStatus,
  options: StatusOptions = {},
): Promise<IssueJson> {
  return client.setIssueStatus(issueId, status, options);
}
