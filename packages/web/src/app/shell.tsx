import type { ReactNode } from 'react';
import { useState } from 'react';
import { logout } from '../features/auth/api/logout';
import { ProjectPicker } from '../features/projects/components/project-picker';
import type { ProjectJson } from '../lib/client';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';

/** The top bar (brand, project, who is logged in) around every page. */
export function Shell({
  projects,
  currentProject,
  onLoggedOut,
  children,
}: {
  projects: ProjectJson[];
  currentProject: number | undefined;
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
          <ProjectPicker projects={projects} current={currentProject} />
        )}
        <span className="topbar-spacer" />
        <span className="topbar-user" title={user.email}>
          {user.email}
        </span>
        <button
          type="button"
          className="button-link"
          disabled={leaving}
          onClick={() => void leave()}
        >
          Log out
        </button>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
