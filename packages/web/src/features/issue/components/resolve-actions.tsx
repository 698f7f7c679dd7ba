import type { IssueDetailJson, IssueStatus, StatusOptions } from '../../../lib/client';
import { useReleases } from '../../../lib/use-releases';

/**
 * The ways to resolve an issue: now (any later event reopens it), in the next release (only a
 * release after the latest one reopens it), or in a chosen release (that release or a later one
 * reopens it). The release choices need the project to have releases.
 */
export function ResolveActions({
  issue,
  busy,
  onChange,
}: {
  issue: IssueDetailJson;
  busy: boolean;
  onChange: (status: IssueStatus, options?: StatusOptions) => void;
}) {
  const releases = useReleases(issue.projectId).data ?? [];
  const latest = releases[0]?.version;
  return (
    <>
      <button type="button" disabled={busy} onClick={() => onChange('resolved')}>
        Resolve
      </button>
      <button
        type="button"
        disabled={busy || latest === undefined}
        title={
          latest === undefined
            ? 'The project has no release yet'
            : `Reopens only on a release after ${latest}`
        }
        onClick={() => onChange('resolved', { inNextRelease: true })}
      >
        In next release
      </button>
      <select
        aria-label="In release"
        disabled={busy || releases.length === 0}
        value=""
        onChange={(e) => {
          if (e.target.value !== '') onChange('resolved', { inRelease: e.target.value });
        }}
      >
        <option value="">In release…</option>
        {releases.map((release) => (
          <option key={release.version} value={release.version}>
            {release.version}
          </option>
        ))}
      </select>
    </>
  );
}

/** How a resolved issue was resolved, for its facts line; nothing for a plain resolve. */
export function resolvedInText(issue: IssueDetailJson): string | undefined {
  if (issue.status !== 'resolved') return undefined;
  if (issue.resolvedInRelease !== null) return `resolved in ${issue.resolvedInRelease}`;
  if (issue.resolvedInNextRelease !== null) {
    return `resolved in the release after ${issue.resolvedInNextRelease}`;
  }
  return undefined;
}
