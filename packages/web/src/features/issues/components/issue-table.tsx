import { useEffect, useRef } from 'react';
import type { IssueListItemJson, StatsPeriod } from '../../../lib/client';
import { Link } from '../../../lib/router';
import { LevelBadge, StatusBadge } from '../../../components/badges';
import { TimeAgo } from '../../../components/time-ago';
import { Sparkline } from './sparkline';

/** The issues of one page: a row each, with a checkbox for the bulk actions. */
export function IssueTable({
  issues,
  period,
  selected,
  fresh,
  focusedId,
  onToggle,
  onToggleAll,
}: {
  issues: IssueListItemJson[];
  period: StatsPeriod;
  selected: ReadonlySet<number>;
  /** Issues a live event arrived for since the page loaded: highlighted. */
  fresh: ReadonlySet<number>;
  /** The row the keyboard is on (j/k). */
  focusedId: number | undefined;
  onToggle: (issueId: number) => void;
  onToggleAll: () => void;
}) {
  const focusedRow = useRef<HTMLTableRowElement | null>(null);
  // A block body: an effect's return value is its cleanup, and scrollIntoView's is not one.
  useEffect(() => {
    focusedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);
  const allSelected = issues.length > 0 && issues.every((issue) => selected.has(issue.id));
  return (
    <table className="issue-table">
      <thead>
        <tr>
          <th className="col-check">
            <input
              type="checkbox"
              aria-label="Select all issues on this page"
              checked={allSelected}
              onChange={onToggleAll}
            />
          </th>
          <th className="col-issue">Issue</th>
          <th className="col-spark">{period === '24h' ? '24 hours' : '14 days'}</th>
          <th className="col-level">Level</th>
          <th className="col-status">Status</th>
          <th className="col-num">Events</th>
          <th className="col-num">Users</th>
          <th className="col-time">First seen</th>
          <th className="col-time">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue) => (
          <tr
            key={issue.id}
            ref={issue.id === focusedId ? focusedRow : undefined}
            className={[
              'issue-row',
              ...(fresh.has(issue.id) ? ['fresh'] : []),
              ...(issue.id === focusedId ? ['focused'] : []),
            ].join(' ')}
            aria-current={issue.id === focusedId ? 'true' : undefined}
            data-issue-id={issue.id}
          >
            <td className="col-check">
              <input
                type="checkbox"
                aria-label={`Select issue ${issue.id}`}
                checked={selected.has(issue.id)}
                onChange={() => onToggle(issue.id)}
              />
            </td>
            <td className="col-issue">
              <Link className="issue-title" to={`/issues/${issue.id}/`}>
                {issue.title}
              </Link>
              {issue.culprit === '' ? null : <div className="issue-culprit">{issue.culprit}</div>}
            </td>
            <td className="col-spark">
              {issue.stats === undefined ? null : (
                <Sparkline series={issue.stats} period={period} />
              )}
            </td>
            <td className="col-level">
              <LevelBadge level={issue.level} />
            </td>
            <td className="col-status">
              <StatusBadge status={issue.status} />
            </td>
            <td className="col-num">{issue.count.toLocaleString()}</td>
            <td className="col-num">{issue.userCount.toLocaleString()}</td>
            <td className="col-time">
              <TimeAgo iso={issue.firstSeen} />
            </td>
            <td className="col-time">
              <TimeAgo iso={issue.lastSeen} />
            </td>
            <td className="col-meta">
              {plural(issue.count, 'event')} · {plural(issue.userCount, 'user')} ·{' '}
              <TimeAgo iso={issue.lastSeen} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;
}
