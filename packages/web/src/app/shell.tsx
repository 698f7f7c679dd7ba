import type { ReactNode } from 'react';
import { useState } from 'react';
import { logout } from '../features/auth/api/logout';
import { ProjectPicker } from '../features/projects/components/project-picker';
import type { ProjectJson } from '../lib/client';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

/** The top bar (brand, project, who is logged in) around every page. */
/** A project's pages, in the bar under the top one: [path below /projects/:id/, label]. */
const PROJECT_SECTIONS: Array<[string, string]> = [
  ['issues', 'Issues'],
  ['releases', 'Releases'],
  ['alerts', 'Alerts'],
  ['settings', 'Settings'],
  ['setup', 'Setup'],
];

export function Shell({
  projects,
  currentProject,
  section,
  onLoggedOut,
  children,
}: {
  projects: ProjectJson[];
  currentProject: number | undefined;
  /** Which of PROJECT_SECTIONS (or `account`) the page belongs to, for aria-current. */
  section: string | undefined;
  onLoggedOut: () => void;
  children: ReactNode;
}) {
  const { user, client } = useSession();
  const [leaving, setLeaving] = useState(false);
  async function leave() {
    setLeaving(true);
    try {
      await logout(client);
    } finally {
      onLoggedOut();
    }
  }
  return (
    <div className="shell">
      <header className="topbar">
        <Link className="brand" to="/">
          <img className="brand-mark" src="/favicon.svg" alt="" />
          Faultline
        </Link>
        {projects.length === 0 || currentProject === undefined ? null : (
          <ProjectPicker
            projects={projects}
            current={currentProject}
            pathFor={(projectId) => `/projects/${projectId}/${section ?? 'issues'}/`}
          />
        )}
        <span className="topbar-spacer" />
        <span className="topbar-user" title={user.email}>
          {user.email}
        </span>
        <Link
          className="topbar-link"
          to="/account/"
          aria-current={section === 'account' ? 'page' : undefined}
        >
          Account
        </Link>
        <button
          type="button"
          className="button-link"
          disabled={leaving}
          onClick={() => void leave()}
        >
          Log out
        </button>
      </header>
      {currentProject === undefined ? null : (
        <nav className="project-nav" aria-label="Project">
          {PROJECT_SECTIONS.map(([path, label]) => (
            <Link
              key={path}
              to={`/projects/${currentProject}/${path}/`}
              aria-current={section === path ? 'page' : undefined}
            >
              {label}
            </Link>
          ))}
        </nav>
      )}
      <main className="content">{children}</main>
    </div>
  );
}
