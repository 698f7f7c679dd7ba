/** Every route of the REST API, in one table (see ../route.ts for why it is data). */
import type { Route } from '../route.js';
import { alertRoutes } from './alerts.js';
import { authRoutes } from './auth.js';
import { eventRoutes } from './events.js';
import { issueRoutes } from './issues.js';
import { keyRoutes } from './keys.js';
import { metaRoutes } from './meta.js';
import { projectRoutes } from './projects.js';
import { releaseRoutes } from './releases.js';
import { sentryMetaRoutes } from './sentry-meta.js';
import { sentryReleaseRoutes } from './sentry-releases.js';
import { statsRoutes } from './stats.js';
import { streamRoutes } from './stream.js';
import { tokenRoutes } from './tokens.js';
import { userRoutes } from './users.js';

export function apiRoutes(): Route[] {
  const routes: Route[] = [
    // Sentry's API first: its project-scoped paths (/projects/{org}/{project}/releases/) would
    // otherwise be taken by a Faultline route where a project's slug is `events` or `keys`.
    ...sentryMetaRoutes,
    ...sentryReleaseRoutes,
    ...authRoutes,
    ...userRoutes,
    ...tokenRoutes,
    ...projectRoutes,
    ...keyRoutes,
    ...issueRoutes,
    ...releaseRoutes,
    ...eventRoutes,
    ...statsRoutes,
    ...alertRoutes,
    ...streamRoutes,
  ];
  routes.push(...metaRoutes(() => routes));
  return routes;
}
