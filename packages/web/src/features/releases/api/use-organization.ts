import type { OrganizationJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAsync } from '../../../lib/use-async';
import type { AsyncState } from '../../../lib/use-async';

/** GET /api/0/organizations/: the one organization, whose slug sentry-cli's SENTRY_ORG names. */
export function useOrganization(): AsyncState<OrganizationJson | undefined> {
  const client = useClient();
  return useAsync(async () => (await client.listOrganizations())[0], [client]);
}
