import type { EventWithNeighboursJson, FaultlineClient } from '../../../lib/client';

/** GET /api/0/projects/:pid/events/:eventId/: one event, with its neighbours in the issue. */
export function getEvent(
  client: FaultlineClient,
  projectId: number,
  eventId: string,
): Promise<EventWithNeighboursJson> {
  return client.getEvent(projectId, eventId);
}
