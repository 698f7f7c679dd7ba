/**
 * What ingest did with a project's data: accepted, filtered, rate-limited, invalid, per hour.
 * Attachments count in bytes (`attachment`) and in files (`attachment_item`), as in Sentry.
 */
import { z } from 'zod';
import { json, route } from '../route.js';
import { projectParams } from '../schemas.js';
import { isoTime } from '../serialize.js';

// Days of every category, outcome and reason; beyond it, the newest rows.
const MAX_ROWS = 10_000;

export const statsRoutes = [
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/stats/',
    summary:
      'Outcome counts per hour, category and reason (since a time, default the last 24 hours)',
    tag: 'stats',
    access: { scope: 'read' },
    params: projectParams,
    query: z.object({ since: z.iso.datetime({ offset: true }).optional() }),
    async handle({ params, query, services }) {
      const since =
        query.since === undefined ? Date.now() / 1000 - 86400 : Date.parse(query.since) / 1000;
      const outcomes = await services.store.listOutcomes(params.projectId, {
        since,
        limit: MAX_ROWS,
      });
      return json(
        outcomes.map((o) => ({
          hour: isoTime(o.hour),
          category: o.category,
          outcome: o.outcome,
          reason: o.reason,
          quantity: o.quantity,
        })),
      );
    },
  }),
];
