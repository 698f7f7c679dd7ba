/**
 * What a principal may touch. Scope and role are checked by the request handler from the route's
 * `access`; project visibility by handlers, through these helpers, because only they know which
 * project a request is about. Another team's project answers 404, exactly as a missing one
 * does, so ids cannot be probed.
 */
import type { Store } from '../store/store.js';
import type { IssueRecord, Project } from '../store/types.js';
import { scopeAllows } from '../accounts/tokens.js';
import { ApiError } from './errors.js';
import type { Access, Principal } from './route.js';

export function checkAccess(access: Access, principal: Principal): void {
  if ('public' in access) return;
  if (!scopeAllows(principal.scope, access.scope)) {
    throw new ApiError('insufficient_scope', `this needs a token with the ${access.scope} scope`);
  }
  if (access.role !== undefined && principal.user.role !== access.role) {
    throw new ApiError('forbidden', `only an ${access.role} may do this`);
  }
}

export function canSeeProject(principal: Principal, projectId: number): boolean {
  return principal.projects === 'all' || principal.projects.has(projectId);
}

export async function visibleProject(
  store: Store,
  principal: Principal,
  projectId: number,
): Promise<Project> {
  const project = canSeeProject(principal, projectId)
    ? await store.getProject(projectId)
    : undefined;
  if (project === undefined) throw new ApiError('not_found', `no project ${projectId}`);
  return project;
}

export async function visibleIssue(
  store: Store,
  principal: Principal,
  issueId: number,
): Promise<IssueRecord> {
  const issue = await store.getIssue(issueId);
  if (issue === undefined || !canSeeProject(principal, issue.projectId)) {
    throw new ApiError('not_found', `no issue ${issueId}`);
  }
  return issue;
}

/** The ids of the projects a principal sees, among those that exist. */
export async function visibleProjectIds(store: Store, principal: Principal): Promise<number[]> {
  const all = (await store.listProjects()).map((project) => project.id);
  return all.filter((id) => canSeeProject(principal, id));
}
