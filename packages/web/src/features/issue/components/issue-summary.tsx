import { useState } from 'react';
import { LevelBadge, StatusBadge } from '../../../components/badges';
import { ErrorNotice } from '../../../components/error-notice';
import { TimeAgo } from '../../../components/time-ago';
import type { IssueDetailJson, IssueStatus, StatusOptions } from '../../../lib/client';
import { Link } from '../../../lib/router';
import { useClient } from '../../../lib/session';
import { reportUnauthorized } from '../../../lib/unauthorized';
import { asError } from '../../../lib/use-async';
import { setIssueStatus } from '../api/set-issue-status';
import { ResolveActions, resolvedInText } from './resolve-actions';

/** Besides resolving (resolve-actions.tsx). */
const ACTIONS: Array<[IssueStatus, string]> = [
  ['ignored', 'Ignore'],
  ['unresolved', 'Unresolve'],
];

/** The issue's title, numbers and status, with the buttons that change it. */
export function IssueSummary({
  issue,
  onChanged,
}: {
  issue: IssueDetailJson;
  onChanged: () => void;
}) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);

  async function change(status: IssueStatus, options?: StatusOptions) {
    setBusy(true);
    setError(undefined);
    try {
      await setIssueStatus(client, issue.id, status, options);
      onChanged();
    } catch (caught) {
      reportUnauthorized(caught);
      setError(asError(caught));
    } finally {
      setBusy(false);
    }
  }

  const resolved = resolvedInText(issue);
  return (
    <header className="issue-summary">
      <Link className="back" to={`/projects/${issue.projectId}/issues/`}>
        ‹ Issues
      </Link>
      <h1 className="issue-heading">{issue.title}</h1>
      <p className="issue-culprit-line">{issue.culprit}</p>
      <div className="issue-facts">
        <LevelBadge level={issue.level} />
        <StatusBadge status={issue.status} />
        <span>
          <b>{issue.count.toLocaleString()}</b> events
        </span>
        <span>
          <b>{issue.userCount.toLocaleString()}</b> users
        </span>
        <span>
          first seen <TimeAgo iso={issue.firstSeen} />
          {issue.firstRelease === null ? null : <> in {issue.firstRelease}</>}
        </span>
        <span>
          last seen <TimeAgo iso={issue.lastSeen} />
          {issue.lastRelease === null ? null : <> in {issue.lastRelease}</>}
        </span>
        {resolved === undefined ? null : <span className="resolved-in">{resolved}</span>}
      </div>
      <div className="issue-actions" aria-label="Status">
        {issue.status === 'resolved' ? null : (
          <ResolveActions issue={issue} busy={busy} onChange={(s, o) => void change(s, o)} />
        )}
        {ACTIONS.filter(([status]) => status !== issue.status).map(([status, label]) => (
          <button key={status} type="button" disabled={busy} onClick={() => void change(status)}>
            {label}
          </button>
        ))}
      </div>
      {error === undefined ? null : <ErrorNotice error={error} />}
    </header>
  );
}
