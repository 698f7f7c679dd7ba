import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { ApiClientError } from '../../../lib/client';
import type { IssueSort, IssueStatus, LiveEventJson } from '../../../lib/client';
import { Link, navigate, pathWith } from '../../../lib/router';
import { useClient } from '../../../lib/session';
import { asError } from '../../../lib/use-async';
import { reportUnauthorized } from '../../../lib/unauthorized';
import { setIssuesStatus } from '../api/set-issues-status';
import { useIssues } from '../api/use-issues';
import { useLiveEvents } from '../hooks/use-live-events';
import { IssueTable } from './issue-table';
import { parseSort, SearchBar } from './search-bar';
import './issues.css';

export const DEFAULT_QUERY = 'is:unresolved';
/** Live events come in bursts: one reload per burst. */
const LIVE_RELOAD_DELAY_MS = 300;

/** The new status, the button, and what the notice says afterwards. */
const ACTIONS: Array<[IssueStatus, string, string]> = [
  ['resolved', 'Resolve', 'Resolved'],
  ['ignored', 'Ignore', 'Ignored'],
  ['unresolved', 'Unresolve', 'Unresolved'],
];

export function IssuesPage({ projectId, search }: { projectId: number; search: URLSearchParams }) {
  const client = useClient();
  const query = search.get('query') ?? DEFAULT_QUERY;
  const sort = parseSort(search.get('sort'));
  const cursor = search.get('cursor') ?? undefined;
  const issues = useIssues(projectId, { query, sort, cursor });
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const [missedLive, setMissedLive] = useState(0);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const { reload } = issues;
  useEffect(() => {
    setSelected(new Set());
    setFresh(new Set());
    setMissedLive(0);
  }, [projectId, query, sort, cursor]);
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  const onLive = useCallback(
    (event: LiveEventJson) => {
      setFresh((previous) => new Set(previous).add(event.issueId));
      // Deeper pages would shift under the reader: say so instead of reloading them.
      if (cursor !== undefined) {
        setMissedLive((count) => count + 1);
        return;
      }
      clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(reload, LIVE_RELOAD_DELAY_MS);
    },
    [cursor, reload],
  );
  const live = useLiveEvents(projectId, onLive);

  const listPath = `/projects/${projectId}/issues/`;
  const searchPath = (nextQuery: string, nextSort: IssueSort, nextCursor?: string) =>
    pathWith(listPath, {
      query: nextQuery === DEFAULT_QUERY ? undefined : nextQuery,
      sort: nextSort === 'last_seen' ? undefined : nextSort,
      cursor: nextCursor,
    });

  async function act(status: IssueStatus, label: string) {
    const ids = [...selected];
    setBusy(true);
    setActionError(undefined);
    try {
      const updated = await setIssuesStatus(client, projectId, ids, status);
      setNotice(`${label}: ${updated.length} issue${updated.length === 1 ? '' : 's'}.`);
      setSelected(new Set());
      reload();
    } catch (error) {
      reportUnauthorized(error);
      setActionError(asError(error));
    } finally {
      setBusy(false);
    }
  }

  const page = issues.data;
  const queryError =
    issues.error instanceof ApiClientError && issues.error.code === 'invalid_query'
      ? issues.error
      : undefined;

  return (
    <section className="issues-page" aria-label="Issues">
      <div className="issues-toolbar">
        <SearchBar
          query={query}
          sort={sort}
          onSearch={(nextQuery, nextSort) => navigate(searchPath(nextQuery, nextSort))}
        />
        <span className={`live live-${live}`} title="New events appear without a reload">
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline'}
        </span>
      </div>
      {queryError === undefined ? null : (
        <p className="notice notice-error" role="alert">
          {queryError.message}
        </p>
      )}
      <div className="bulk-actions" aria-label="Bulk actions">
        <span className="bulk-count">
          {selected.size === 0 ? 'None selected' : `${selected.size} selected`}
        </span>
        {ACTIONS.map(([status, label, done]) => (
          <button
            key={status}
            type="button"
            disabled={selected.size === 0 || busy}
            onClick={() => void act(status, done)}
          >
            {label}
          </button>
        ))}
        {notice === undefined ? null : (
          <span className="bulk-notice" role="status">
            {notice}
          </span>
        )}
      </div>
      {actionError === undefined ? null : <ErrorNotice error={actionError} />}
      {missedLive === 0 ? null : (
        <p className="notice">
          {missedLive} new event{missedLive === 1 ? '' : 's'} since this page loaded.{' '}
          <Link to={searchPath(query, sort)}>Back to the first page</Link>
        </p>
      )}
      {issues.error !== undefined && queryError === undefined ? (
        <ErrorNotice error={issues.error} onRetry={reload} />
      ) : null}
      {page === undefined ? (
        issues.loading ? (
          <p className="empty">Loading issues…</p>
        ) : null
      ) : page.items.length === 0 ? (
        <p className="empty">
          No issues match <code>{query || '(everything)'}</code>.
        </p>
      ) : (
        <IssueTable
          issues={page.items}
          selected={selected}
          fresh={fresh}
          onToggle={(issueId) =>
            setSelected((previous) => {
              const next = new Set(previous);
              if (!next.delete(issueId)) next.add(issueId);
              return next;
            })
          }
          onToggleAll={() =>
            setSelected((previous) =>
              page.items.every((issue) => previous.has(issue.id))
                ? new Set()
                : new Set(page.items.map((issue) => issue.id)),
            )
          }
        />
      )}
      <nav className="pager" aria-label="Pages">
        {cursor === undefined ? null : <Link to={searchPath(query, sort)}>« First page</Link>}
        {page?.nextCursor === undefined ? null : (
          <Link to={searchPath(query, sort, page.nextCursor)}>Next page ›</Link>
        )}
      </nav>
    </section>
  );
}
