import { LoadFailure } from '../../../components/load-failure';
import { TimeAgo } from '../../../components/time-ago';
import type { ReleaseJson } from '../../../lib/client';
import { Link, pathWith } from '../../../lib/router';
import { useReleases } from '../../../lib/use-releases';
import { useOrganization } from '../api/use-organization';
import { useProject } from '../../../lib/use-project';
import './releases.css';

/**
 * /projects/:id/releases/: the project's releases, newest first, each with its events, the
 * issues it brought, its deploys per environment and whether it was finalized; and what to set
 * for sentry-cli to create them ahead of any event.
 */
export function ReleasesPage({ projectId }: { projectId: number }) {
  const releases = useReleases(projectId);
  const organization = useOrganization().data;
  const projectSlug = useProject(projectId).data?.slug;
  if (releases.error !== undefined && releases.data === undefined) {
    return <LoadFailure error={releases.error} what="project" onRetry={releases.reload} />;
  }
  return (
    <div className="releases-page">
      <header className="page-head">
        <h1>Releases</h1>
        <button type="button" onClick={releases.reload} disabled={releases.loading}>
          Refresh
        </button>
      </header>
      {releases.data === undefined ? (
        <p className="empty">Loading releases…</p>
      ) : releases.data.length === 0 ? (
        <p className="empty">
          No releases yet: an event naming one (the SDK&apos;s <code>release</code> option) or
          sentry-cli creates it.
        </p>
      ) : (
        <table className="data-table release-table" aria-label="Releases">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">First seen</th>
              <th scope="col">Events</th>
              <th scope="col">New issues</th>
              <th scope="col">Last event</th>
              <th scope="col">Deploys</th>
              <th scope="col">Finalized</th>
            </tr>
          </thead>
          <tbody>
            {releases.data.map((release) => (
              <ReleaseRow key={release.version} projectId={projectId} release={release} />
            ))}
          </tbody>
        </table>
      )}
      {organization === undefined || projectSlug === undefined ? null : (
        <section className="panel cli-setup" aria-label="sentry-cli">
          <h2>sentry-cli</h2>
          <p>Create, finalize and deploy releases from CI with an API token of write scope:</p>
          <pre>
            {`SENTRY_URL=${window.location.origin} SENTRY_ORG=${organization.slug} SENTRY_PROJECT=${projectSlug}\n` +
              `SENTRY_AUTH_TOKEN=flt_… sentry-cli releases new <version>`}
          </pre>
        </section>
      )}
    </div>
  );
}

/** A value as the search language takes it: quoted when it holds a space or a quote. */
function searchValue(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

function ReleaseRow({ projectId, release }: { projectId: number; release: ReleaseJson }) {
  const issues = pathWith(`/projects/${projectId}/issues/`, {
    query: `release:${searchValue(release.version)}`,
  });
  return (
    <tr className="release-row">
      <th scope="row" data-label="Version">
        <Link to={issues}>{release.version}</Link>
      </th>
      <td data-label="First seen">
        <TimeAgo iso={release.createdAt} />
      </td>
      <td data-label="Events">{release.eventCount.toLocaleString()}</td>
      <td data-label="New issues">{release.newIssues.toLocaleString()}</td>
      <td data-label="Last event">
        {release.lastEvent === null ? '—' : <TimeAgo iso={release.lastEvent} />}
      </td>
      <td data-label="Deploys">
        {release.deploys.length === 0
          ? '—'
          : release.deploys.map((deploy) => (
              <span key={deploy.environment} className="deploy">
                {deploy.environment} ×{deploy.count} <TimeAgo iso={deploy.lastDeployedAt} />
              </span>
            ))}
      </td>
      <td data-label="Finalized">
        {release.dateReleased === null ? 'no' : <TimeAgo iso={release.dateReleased} />}
      </td>
    </tr>
  );
}
