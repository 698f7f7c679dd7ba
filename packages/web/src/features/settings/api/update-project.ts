import type { FaultlineClient, ProjectChanges, ProjectJson } from '../../../lib/client';

/** PUT /api/0/projects/:id/: admins only; a 400 names the field at fault. */
export function updateProject(
  client: FaultlineClient,
  projectId: number,
  changes: ProjectChanges,
): Promise<ProjectJson> {
  return client.updateProject(projectId, changes);
}
