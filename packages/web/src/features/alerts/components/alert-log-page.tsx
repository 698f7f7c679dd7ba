import { ErrorNotice } from '../../../components/error-notice';
import { LoadFailure } from '../../../components/load-failure';
import { TimeAgo } from '../../../components/time-ago';
import type { AlertNotificationJson } from '../../../lib/client';
import { Link, pathWith } from '../../../lib/router';
import { useChannels } from '../api/use-channels';
import { useNotifications } from '../api/use-notifications';
import { useRules } from '../api/use-rules';
import { AlertsNav } from './alerts-nav';
import './alerts.css';

/** A Map: the status comes from the server, and no string must find Object.prototype's. */
const STATUS_CLASS: ReadonlyMap<string, string> = new Map([
  ['sent', 'status-resolved'],
  ['merged', 'status-resolved'],
  ['pending', 'level-warning'],
  ['failed', 'level-error'],
]);

/** /projects/:id/alerts/log/: every notification, newest first, with each delivery attempt. */
export function AlertLogPage({
  projectId,
  search,
}: {
  projectId: number;
  search: URLSearchParams;
}) {
  const cursor = search.get('cursor') ?? undefined;
  const notifications = useNotifications(projectId, cursor);
  const rules = useRules(projectId);
  const channels = useChannels(projectId);
  const ruleName = (id: number) =>
    rules.data?.find((rule) => rule.id === id)?.name ?? `rule #${id}`;
  const channelName = (id: number) =>
    channels.data?.find((channel) => channel.id === id)?.name ?? `channel #${id}`;
  const path = `/projects/${projectId}/alerts/log/`;

  if (notifications.error !== undefined && notifications.data === undefined) {
    return (
      <LoadFailure error={notifications.error} what="project" onRetry={notifications.reload} />
    );
  }
  const page = notifications.data;
  return (
    <div className="alerts-page">
      <header className="page-head">
        <h1>Alerts</h1>
        <button type="button" onClick={notifications.reload} disabled={notifications.loading}>
          Refresh
        </button>
      </header>
      <AlertsNav projectId={projectId} current="log" />
      {notifications.error === undefined ? null : (
        <ErrorNotice error={notifications.error} onRetry={notifications.reload} />
      )}
      {page === undefined ? (
        <p className="empty">Loading notifications…</p>
      ) : page.items.length === 0 ? (
        <p className="empty">No notifications yet.</p>
      ) : (
        <table className="data-table notification-log" aria-label="Notifications">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Issue</th>
              <th scope="col">Rule → channel</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((notification) => (
              <NotificationRow
                key={notification.id}
                notification={notification}
                rule={ruleName(notification.ruleId)}
                channel={channelName(notification.channelId)}
              />
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        {cursor === undefined ? null : <Link to={path}>« Newest</Link>}
        {page?.nextCursor === undefined ? null : (
          <Link to={pathWith(path, { cursor: page.nextCursor })}>Older ›</Link>
        )}
      </nav>
    </div>
  );
}

function NotificationRow({
  notification,
  rule,
  channel,
}: {
  notification: AlertNotificationJson;
  rule: string;
  channel: string;
}) {
  const { status } = notification;
  return (
    <tr className="notification-row">
      <td data-label="When">
        <TimeAgo iso={notification.createdAt} />
      </td>
      <td data-label="Status">
        <span className={`badge ${STATUS_CLASS.get(status) ?? 'status-other'}`}>{status}</span>
        {status === 'merged' && notification.sentWith !== null ? (
          <span className="log-note"> in a summary (#{notification.sentWith})</span>
        ) : null}
        {status === 'pending' && notification.nextAttemptAt !== null ? (
          <span className="log-note">
            {' '}
            next try <TimeAgo iso={notification.nextAttemptAt} />
          </span>
        ) : null}
      </td>
      <td data-label="Trigger">{notification.trigger.replace('_', ' ')}</td>
      <td data-label="Issue">
        {notification.issueId === null ? (
          '—'
        ) : (
          <Link to={`/issues/${notification.issueId}/`}>Issue #{notification.issueId}</Link>
        )}
      </td>
      <td data-label="Rule → channel">
        {rule} → {channel}
      </td>
      <td data-label="Attempts">
        {notification.attemptLog.length === 0 ? (
          <span className="log-note">none yet</span>
        ) : (
          <ol className="attempts">
            {notification.attemptLog.map((attempt, index) => (
              <li key={index} className="attempt">
                <span className={attempt.ok ? 'result-ok' : 'result-failed'}>
                  {attempt.ok ? 'ok' : 'failed'}
                </span>{' '}
                <span className="attempt-detail">{attempt.detail}</span>{' '}
                <TimeAgo iso={attempt.at} />
              </li>
            ))}
          </ol>
        )}
      </td>
    </tr>
  );
}
