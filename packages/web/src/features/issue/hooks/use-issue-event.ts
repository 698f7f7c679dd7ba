import type { EventWithNeighboursJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';
import { getEdgeEvent } from '../api/get-edge-event';
import { getEvent } from '../api/get-event';

/** `latest`, `oldest`, or an event id: the event the issue page shows. */
export type EventRef = 'latest' | 'oldest' | { eventId: string };

export function useIssueEvent(
  issueId: number,
  projectId: number,
  ref: EventRef,
): AsyncState<EventWithNeighboursJson> {
  const client = useClient();
  const key = typeof ref === 'string' ? ref : ref.eventId;
  return useAsync(
    () =>
      typeof ref === 'string'
        ? getEdgeEvent(client, issueId, ref)
        : getEvent(client, projectId, ref.eventId),
    [client, issueId, projectId, key],
  );
}
