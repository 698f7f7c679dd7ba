import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { ApiClientError } from '../../../lib/client';
import type { IssueSort, IssueStatus, LiveEventJson, StatsPeriod } from '../../../lib/client';
import { Link, navigate, pathWith } from '../../../lib/router';
import { useClient } from '../../../lib/session';
import { asError } from '../../../lib/use-async';
import { reportUnauthorized } from '../../../lib/unauthorized';
import { mergeIssues } from '../api/merge-issues';
import { setIssuesStatus } from '../api/set-issues-status';
import { useIssues } from '../api/use-issues';
import { useTagKeys } from '../api/use-tag-keys';
import { SHORTCUTS, useListShortcuts } from '../hooks/use-list-shortcuts';
import { useLiveEvents } from '../hooks/use-live-events';
import { IssueFilters } from './issue-filters';
import { IssueTable } from './issue-table';
import { parseSort, SearchBar } from './search-bar';
import './issues.css';

export const DEFAULT_QUERY = 'is:unresolved';
/** Live events come in bursts: one reload per this interval at most. */
const LIVE_RELOAD_DELAY_MS = 300;

/** The new status, the button, and what the notice says afterwards. */
const ACTIONS: Array<[IssueStatus, string, string]> = [
  ['resolved', 'Resolve', 'Resolved'],
  ['ignored', 'Ignore', 'Ignored'],
  ['unresolved', 'Unresolve', 'Unresolved'],
];

export function IssuesPage({
  projectId,
  search,
  emptyState,
}: {
  projectId: number;
  search: URLSearchParams;
  /** Shown under an empty list (the app passes how to send a first event). */
  emptyState?: ReactNode;
}) {
  const client = useClient();
  const query = search.get('query') ?? DEFAULT_QUERY;
  const sort = parseSort(search.get('sort'));
  const cursor = search.get('cursor') ?? undefined;
  const period: StatsPeriod = search.get('period') === '14d' ? '14d' : '24h';
  const issues = useIssues(projectId, { query, sort, cursor, period });
  const tagKeys = useTagKeys(projectId);
  /**
   * The issue j/k moved to, by id: a live reload can reorder the rows, and r or i must act on
   * the issue that is highlighted, not on whatever now sits at its old position.
   */
  const [focusId, setFocusId] = useState<number | undefined>(undefined);
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
    setFocusId(undefined);
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
      // At most one reload per interval, however steady the traffic: a debounce would never
      // fire while events keep coming, and the list would freeze exactly when it matters.
      if (reloadTimer.current !== undefined) return;
      reloadTimer.current = setTimeout(() => {
        reloadTimer.current = undefined;
        reload();
      }, LIVE_RELOAD_DELAY_MS);
    },
    [cursor, reload],
  );
  const live = useLiveEvents(projectId, onLive);

  const listPath = `/projects/${projectId}/issues/`;
  const searchPath = (
    nextQuery: string,
    nextSort: IssueSort,
    nextCursor?: string,
    nextPeriod: StatsPeriod = period,
  ) => {
    const path = pathWith(listPath, {
      query: nextQuery === DEFAULT_QUERY ? undefined : nextQuery,
      sort: nextSort === 'last_seen' ? undefined : nextSort,
      cursor: nextCursor,
      period: nextPeriod === '24h' ? undefined : nextPeriod,
    });
    // An empty query means everything, not the default: it must survive into the URL.
    return nextQuery === '' ? `${path}${path.includes('?') ? '&' : '?'}query=` : path;
  };

  const page = issues.data;
  const rows = page?.items ?? [];
  const focused = rows.find((issue) => issue.id === focusId);
  // Only what is on the page can be acted on: a live reload may have taken selected rows away.
  const shownSelection = rows.filter((issue) => selected.has(issue.id)).map((issue) => issue.id);
  /** The selection, or else the row the keyboard is on. */
  const targets = () =>
    shownSelection.length > 0 ? shownSelection : focused === undefined ? [] : [focused.id];
  /** Moves the keyboard `step` rows from the focused one (from the top when there is none). */
  const moveFocus = (step: 1 | -1) => {
    const at = rows.findIndex((issue) => issue.id === focusId);
    const next = at === -1 ? 0 : Math.max(0, Math.min(rows.length - 1, at + step));
    setFocusId(rows[next]?.id);
  };

  useListShortcuts({
    next: () => moveFocus(1),
    previous: () => moveFocus(-1),
    open: () => {
      if (focused !== undefined) navigate(`/issues/${focused.id}/`);
    },
    toggle: () => {
      if (focused !== undefined) toggle(focused.id);
    },
    resolve: () => void act('resolved', 'Resolved', targets()),
    ignore: () => void act('ignored', 'Ignored', targets()),
    search: () => document.querySelector<HTMLInputElement>('.search-bar input')?.focus(),
  });

  function toggle(issueId: number) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (!next.delete(issueId)) next.add(issueId);
      return next;
    });
  }

  async function merge() {
    // Into the first in the page's order: the one the reader sees on top.
    const ids = shownSelection;
    setBusy(true);
    setActionError(undefined);
    try {
      const merged = await mergeIssues(client, projectId, ids);
      setNotice(`Merged ${ids.length} issues into #${merged.id}.`);
      setSelected(new Set());
      reload();
    } catch (error) {
      reportUnauthorized(error);
      setActionError(asError(error));
    } finally {
      setBusy(false);
    }
  }

  async function act(status: IssueStatus, label: string, ids = shownSelection) {
    if (ids.length === 0) return;
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
          tagKeys={tagKeys}
          onSearch={(nextQuery, nextSort) => navigate(searchPath(nextQuery, nextSort))}
        />
        <span className={`live live-${live}`} title="New events appear without a reload">
          {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline'}
        </span>
      </div>
      <IssueFilters
        projectId={projectId}
        query={query}
        period={period}
        onQuery={(nextQuery) => navigate(searchPath(nextQuery, sort))}
        onPeriod={(nextPeriod) => navigate(searchPath(query, sort, cursor, nextPeriod))}
      />
      {queryError === undefined ? null : (
        <p className="notice notice-error" role="alert">
          {queryError.message}
        </p>
      )}
      <div className="bulk-actions" aria-label="Bulk actions">
        <span className="bulk-count">
          {shownSelection.length === 0 ? 'None selected' : `${shownSelection.length} selected`}
        </span>
        {ACTIONS.map(([status, label, done]) => (
          <button
            key={status}
            type="button"
            disabled={shownSelection.length === 0 || busy}
            onClick={() => void act(status, done)}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          disabled={shownSelection.length < 2 || busy}
          onClick={() => void merge()}
        >
          Merge
        </button>
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
          period={period}
          selected={selected}
          fresh={fresh}
          focusedId={focused?.id}
          onToggle={toggle}
          onToggleAll={() =>
            setSelected((previous) =>
              page.items.every((issue) => previous.has(issue.id))
                ? new Set()
                : new Set(page.items.map((issue) => issue.id)),
            )
          }
        />
      )}
      {page?.items.length === 0 ? emptyState : null}
      <p className="shortcuts" aria-label="Keyboard shortcuts">
        {SHORTCUTS.map(([key, , what]) => (
          <span key={key}>
            <kbd>{key}</kbd> {what}
          </span>
        ))}
      </p>
      <nav className="pager" aria-label="Pages">
        {cursor === undefined ? null : <Link to={searchPath(query, sort)}>« First page</Link>}
        {page?.nextCursor === undefined ? null : (
          <Link to={searchPath(query, sort, page.nextCursor)}>Next page ›</Link>
        )}
      </nav>
    </section>
  );
}
