/**
 * The live stream (Server-Sent Events) of new events and issues, for the web UI and
 * `faultline tail`. Each stored event is one `event: event` message; an issue's first event also
 * says `newIssue: true`. A comment line every 15 s (LiveHub.keepaliveMs) keeps proxies from
 * closing an idle stream.
 */
import { z } from 'zod';
import { canSeeProject, visibleProject } from '../access.js';
import { authenticate } from '../authenticate.js';
import type { Principal } from '../route.js';
import { ApiError } from '../errors.js';
import { route } from '../route.js';
import { id } from '../schemas.js';
import { isoTime } from '../serialize.js';
import type { LiveEvent } from '../../store/types.js';

const MAX_BUFFERED_BYTES = 1024 * 1024;

export function liveJson(event: LiveEvent) {
  return {
    eventId: event.eventId,
    projectId: event.projectId,
    issueId: event.issueId,
    level: event.level,
    title: event.title,
    culprit: event.culprit,
    timestamp: isoTime(event.timestamp),
    receivedAt: isoTime(event.receivedAt),
    newIssue: event.newIssue,
  };
}

export const streamRoutes = [
  route({
    method: 'GET',
    path: '/api/0/stream/',
    summary: 'Server-Sent Events: every new event of your projects (or of one, with project=ID)',
    tag: 'stream',
    access: { scope: 'read' },
    query: z.object({ project: id.optional() }),
    async handle({ query, principal, services, request, response }) {
      const only = query.project;
      if (only !== undefined) await visibleProject(services.store, principal, only);
      // Re-checked at every keepalive: a revoked token, a logout or a lost membership ends the
      // stream within one interval instead of leaving it open for as long as it lasts.
      let current = principal;
      const sees = (projectId: number) =>
        canSeeProject(current, projectId) && (only === undefined || projectId === only);
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // nginx buffers responses unless told not to: a stream would arrive in bursts.
        'x-accel-buffering': 'no',
      });
      // Tells the client the stream is open (and flushes the headers through proxies).
      response.write(': connected\n\n');
      const unsubscribe = services.live.subscribe(sees, (events) => {
        // A client that stopped reading would make the server buffer without bound: cut it off;
        // EventSource reconnects by itself once it can read again.
        if (response.writableLength > MAX_BUFFERED_BYTES) {
          response.destroy();
          return;
        }
        for (const event of events) {
          response.write(`event: event\ndata: ${JSON.stringify(liveJson(event))}\n\n`);
        }
      });
      const recheck = async () => {
        let now: Principal | undefined;
        try {
          now = await authenticate(services.store.sql, request);
        } catch (error) {
          // Storage briefly away: keep streaming and check again next time.
          if (!(error instanceof ApiError)) return;
          now = undefined; // a revoked or deleted token
        }
        if (now === undefined || (only !== undefined && !canSeeProject(now, only))) response.end();
        else current = now;
      };
      const keepalive = setInterval(() => {
        response.write(': keepalive\n\n');
        void recheck();
      }, services.live.keepaliveMs);
      const stop = () => {
        clearInterval(keepalive);
        unsubscribe();
      };
      request.once('close', stop);
      response.once('close', stop);
      return { kind: 'streamed' };
    },
  }),
];
