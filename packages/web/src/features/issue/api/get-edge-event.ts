import type { EventWithNeighboursJson, FaultlineClient } from '../../../lib/client';

/** GET /api/0/issues/:id/events/latest|oldest/: an issue's newest or first event. */
export function getEdgeEvent(
  client: FaultlineClient,
  issueId: number,
  which: 'latest' | 'oldest',
): Promise<EventWithNeighboursJson> {
  return client.issueEdgeEvent(issueId, which);
}
