import { useEffect } from 'react';
import { IssuePage } from '../features/issue/components/issue-page';
import { IssuesPage } from '../features/issues/components/issues-page';
import { FirstRunPanel } from '../features/onboarding';
import { AccountPage } from '../features/account/components/account-page';
import { AlertLogPage } from '../features/alerts/components/alert-log-page';
import { AlertsPage } from '../features/alerts/components/alerts-page';
import { SetupPage } from '../features/onboarding/components/setup-page';
import { useProjects } from '../features/projects/api/use-projects';
import { ReleasesPage } from '../features/releases/components/releases-page';
import { SettingsPage } from '../features/settings/components/settings-page';
import { ErrorNotice } from '../components/error-notice';
import { Link, navigate } from '../lib/router';
import type { Location } from '../lib/router';
import { pageOf, projectOf } from './routes';
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

  // The bar of project links only for a project this user sees: another team's id gets none.
  const pageProject = projectOf(page);
  const visibleProject = projects.data?.some((project) => project.id === pageProject)
    ? pageProject
    : undefined;

  let content;
  switch (page.page) {
    case 'issues':
      content = (
        <IssuesPage
          key={page.projectId}
          projectId={page.projectId}
          search={location.search}
          emptyState={<FirstRunPanel projectId={page.projectId} />}
        />
      );
      break;
    case 'issue':
      content = <IssuePage key={page.issueId} issueId={page.issueId} eventRef={page.event} />;
      break;
    case 'settings':
      content = <SettingsPage key={page.projectId} projectId={page.projectId} />;
      break;
    case 'alerts':
      content = <AlertsPage key={page.projectId} projectId={page.projectId} />;
      break;
    case 'releases':
      content = <ReleasesPage key={page.projectId} projectId={page.projectId} />;
      break;
    case 'alert-log':
      content = (
        <AlertLogPage key={page.projectId} projectId={page.projectId} search={location.search} />
      );
      break;
    case 'setup':
      content = <SetupPage key={page.projectId} projectId={page.projectId} />;
      break;
    case 'account':
      content = <AccountPage />;
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
      currentProject={visibleProject}
      section={page.page === 'alert-log' ? 'alerts' : page.page}
      onLoggedOut={onLoggedOut}
    >
      {content}
    </Shell>
  );
}
