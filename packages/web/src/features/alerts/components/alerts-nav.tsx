import { Link } from '../../../lib/router';

/** Between the alert settings and the log of what they sent. */
export function AlertsNav({ projectId, current }: { projectId: number; current: 'setup' | 'log' }) {
  return (
    <nav className="subnav" aria-label="Alerts">
      <Link
        to={`/projects/${projectId}/alerts/`}
        aria-current={current === 'setup' ? 'page' : undefined}
      >
        Channels and rules
      </Link>
      <Link
        to={`/projects/${projectId}/alerts/log/`}
        aria-current={current === 'log' ? 'page' : undefined}
      >
        Notification log
      </Link>
    </nav>
  );
}
