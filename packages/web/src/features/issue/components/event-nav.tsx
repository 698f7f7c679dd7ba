import type { EventWithNeighboursJson } from '../../../lib/client';
import { Link } from '../../../lib/router';
import { TimeAgo } from '../../../components/time-ago';

/** Oldest, older, newer, latest: moving through an issue's events; and the raw JSON. */
export function EventNav({
  issueId,
  event,
  jsonUrl,
}: {
  issueId: number;
  event: EventWithNeighboursJson;
  jsonUrl: string;
}) {
  const base = `/issues/${issueId}/events/`;
  const step = (label: string, target: string | null, name: string) =>
    target === null ? (
      <span className="nav-step disabled" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link className="nav-step" to={`${base}${target}/`} aria-label={name}>
        {label}
      </Link>
    );
  return (
    <nav className="event-nav" aria-label="Events of this issue">
      <div className="event-id">
        Event <code title={event.eventId}>{event.eventId.slice(0, 12)}</code>{' '}
        <TimeAgo iso={event.timestamp} />
      </div>
      <div className="event-steps">
        {step('« Oldest', event.previous === null ? null : 'oldest', 'Oldest event')}
        {step('‹ Older', event.previous, 'Older event')}
        {step('Newer ›', event.next, 'Newer event')}
        {step('Latest »', event.next === null ? null : 'latest', 'Latest event')}
        <a className="nav-step" href={jsonUrl} download={`event-${event.eventId}.json`}>
          Raw JSON
        </a>
      </div>
    </nav>
  );
}
