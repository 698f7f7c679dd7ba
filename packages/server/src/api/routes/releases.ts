/** A project's releases in Faultline's own shape, for the web UI (filters, resolve choices). */
import { z } from 'zod';
import { deploysByEnvironment, listReleases } from '../../store/releases.js';
import { json, route } from '../route.js';
import { limit, projectParams } from '../schemas.js';
import { releaseJson } from '../serialize.js';

export const releaseRoutes = [
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/releases/',
    summary: "A project's releases, newest first, with their events, new issues and deploys",
    tag: 'releases',
    access: { scope: 'read' },
    params: projectParams,
    query: z.object({ limit: limit(100, 50) }),
    async handle({ query, project, services }) {
      const { sql } = services.store;
      const releases = await listReleases(sql, [project.id], query.limit);
      const deploys = await deploysByEnvironment(
        sql,
        releases.map((release) => release.id),
      );
      return json(releases.map((release) => releaseJson(release, deploys)));
    },
  }),
];
