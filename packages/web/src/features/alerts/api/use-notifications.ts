import type { AlertNotificationJson, Page } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/projects/:id/alert-notifications/: newest first, each with its attempts. */
export function useNotifications(
  projectId: number,
  cursor: string | undefined,
): AsyncState<Page<AlertNotificationJson>> {
  const client = useClient();
  return useAsync(
    () => client.listAlertNotifications(projectId, cursor === undefined ? {} : { cursor }),
    [client, projectId, cursor],
  );
}
