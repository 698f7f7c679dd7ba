import type { AttachmentJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/events/:eventId/attachments/: the files that came with the event. */
export function useEventAttachments(
  projectId: number,
  eventId: string,
): AsyncState<AttachmentJson[]> {
  const client = useClient();
  return useAsync(() => client.eventAttachments(projectId, eventId), [client, projectId, eventId]);
}
