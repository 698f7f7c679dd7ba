import { LoadFailure } from '../../../components/load-failure';
import { Link } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useProject } from '../../../lib/use-project';
import { KeysPanel } from './keys-panel';
import { ProjectForm } from './project-form';
import './settings.css';

/** /projects/:id/settings/: DSN keys and the project's settings; read-only for members. */
export function SettingsPage({ projectId }: { projectId: number }) {
  const { user } = useSession();
  const project = useProject(projectId);
  const canWrite = user.role === 'admin';

  if (project.error !== undefined && project.data === undefined) {
    return <LoadFailure error={project.error} what="project" onRetry={project.reload} />;
  }
  if (project.data === undefined) return <p className="empty">Loading settings…</p>;
  return (
    <div className="settings-page">
      <header className="page-head">
        <h1>{project.data.name}: settings</h1>
        <Link to={`/projects/${projectId}/setup/`}>Setup instructions ›</Link>
      </header>
      {canWrite ? null : (
        <p className="notice" role="note">
          Only an admin can change these settings: you see them read-only.
        </p>
      )}
      <KeysPanel projectId={projectId} canWrite={canWrite} />
      <ProjectForm
        key={project.data.id}
        project={project.data}
        canWrite={canWrite}
        onSaved={project.reload}
      />
    </div>
  );
}
