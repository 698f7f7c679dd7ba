import type { ProjectJson } from '../../../lib/client';
import { navigate } from '../../../lib/router';

/** Switches the issues list to another project. */
export function ProjectPicker({
  projects,
  current,
}: {
  projects: ProjectJson[];
  current: number | undefined;
}) {
  return (
    <select
      className="project-picker"
      aria-label="Project"
      value={current === undefined ? '' : String(current)}
      onChange={(event) => navigate(`/projects/${event.target.value}/issues/`)}
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
