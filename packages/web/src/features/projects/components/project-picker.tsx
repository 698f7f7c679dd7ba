import type { ProjectJson } from '../../../lib/client';
import { navigate } from '../../../lib/router';

/** Switches to another project: its issues list, or the page `pathFor` names. */
export function ProjectPicker({
  projects,
  current,
  pathFor = (projectId) => `/projects/${projectId}/issues/`,
}: {
  projects: ProjectJson[];
  current: number | undefined;
  pathFor?: (projectId: number) => string;
}) {
  return (
    <select
      className="project-picker"
      aria-label="Project"
      value={current === undefined ? '' : String(current)}
      onChange={(event) => navigate(pathFor(Number(event.target.value)))}
    >
      {current === undefined ? <option value="">Choose a project</option> : null}
      {projects.map((project) => (
        <option key={project.id} value={String(project.id)}>
          {project.name}
        </option>
      ))}
    </select>
  );
}
