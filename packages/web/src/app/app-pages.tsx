import { useEffect } from 'react';
import { IssuePage } from '../features/issue/components/issue-page';
import { IssuesPage } from '../features/issues/components/issues-page';
import { useProjects } from '../features/projects/api/use-projects';
import { ErrorNotice } from '../components/error-notice';
import { Link, navigate } from '../lib/router';
import type { Location } from '../lib/router';
import { pageOf } from './routes';
import { Shell } from './shell';

/** The logged-in app: the page the URL names, inside the shell. */
export function AppPages({
  location,
  onLoggedOut,
}: {
  location: Location;
  onLoggedOut: () => void;
}) {
  const page = pageOf(location.pathname);
  const projects = useProjects();
  const firstProject = projects.data?.[0]?.id;
  const goHome = page.page === 'home' || page.page === 'login';
  useEffect(() => {
    if (goHome && firstProject !== undefined) {
      navigate(`/projects/${firstProject}/issues/`, { replace: true });
    }
  }, [goHome, firstProject]);

  let content;
  switch (page.page) {
    case 'issues':
      content = (
        <IssuesPage key={page.projectId} projectId={page.projectId} search={location.search} />
      );
      break;
    case 'issue':
      content = <IssuePage key={page.issueId} issueId={page.issueId} eventRef={page.event} />;
      break;
    case 'not-found':
      content = (
        <p className="empty">
          There is no page at this address. <Link to="/">Go to the issues</Link>
        </p>
      );
      break;
    default:
      content =
        projects.error !== undefined ? (
          <ErrorNotice error={projects.error} onRetry={projects.reload} />
        ) : projects.data?.length === 0 ? (
          <p className="empty">You are not a member of any project yet.</p>
        ) : (
          <p className="empty">Loading projects…</p>
        );
  }
  return (
    <Shell
      projects={projects.data ?? []}
      currentProject={page.page === 'issues' ? page.projectId : undefined}
      onLoggedOut={onLoggedOut}
    >
      {content}
    </Shell>
  );
}
