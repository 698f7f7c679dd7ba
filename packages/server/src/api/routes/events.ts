/** Reading events: an issue's list, one event with its neighbours, raw JSON and attachments. */
import { z } from 'zod';
import {
  attachmentData,
  eventAttachments,
  findEvent,
  issueEdgeEvent,
  issueEvents,
  neighbourEventIds,
} from '../../store/event-reads.js';
import type { StoredEvent } from '../../store/event-reads.js';
import type { Sql } from '../../store/sql.js';
import { ApiError } from '../errors.js';
import { nextPageHeaders } from '../pagination.js';
import { json, route } from '../route.js';
import { id, issueParams, limit, projectParams } from '../schemas.js';
import { isoTime } from '../serialize.js';

const eventParams = projectParams.extend({
  eventId: z.string().regex(/^[0-9a-f]{32}$/, 'must be an event id (32 hex digits)'),
});

function eventJson(stored: StoredEvent) {
  return {
    eventId: stored.eventId,
    issueId: stored.issueId,
    projectId: stored.projectId,
    level: stored.level,
    timestamp: isoTime(stored.timestamp),
    receivedAt: isoTime(stored.receivedAt),
    event: stored.event,
  };
}

async function eventWithNeighbours(sql: Sql, stored: StoredEvent) {
  return { ...eventJson(stored), ...(await neighbourEventIds(sql, stored)) };
}

async function storedEvent(sql: Sql, projectId: number, eventId: string): Promise<StoredEvent> {
  const stored = await findEvent(sql, projectId, eventId);
  if (stored === undefined)
    throw new ApiError('not_found', `project ${projectId} has no event ${eventId}`);
  return stored;
}

export const eventRoutes = [
  route({
    method: 'GET',
    path: '/api/0/issues/:issueId/events/',
    summary: "An issue's events, newest first",
    tag: 'events',
    access: { scope: 'read' },
    params: issueParams,
    query: z.object({ cursor: id.optional(), limit: limit(100, 25) }),
    async handle({ query, services, url, issue }) {
      const page = await issueEvents(services.store.sql, issue.id, {
        limit: query.limit + 1,
        before: query.cursor,
      });
      const more = page.length > query.limit;
      const shown = page.slice(0, query.limit);
      const next = more ? String(shown.at(-1)!.id) : undefined;
      return json(shown.map(eventJson), 200, nextPageHeaders(url, next));
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/issues/:issueId/events/:which/',
    summary: "An issue's latest or oldest event, with the ids of its neighbours",
    tag: 'events',
    access: { scope: 'read' },
    params: issueParams.extend({ which: z.enum(['latest', 'oldest']) }),
    async handle({ params, services, issue }) {
      const stored = await issueEdgeEvent(services.store.sql, issue.id, params.which);
      if (stored === undefined) throw new ApiError('not_found', `issue ${issue.id} has no events`);
      return json(await eventWithNeighbours(services.store.sql, stored));
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/events/:eventId/',
    summary: 'One normalized event, with the ids of the previous and next event of its issue',
    tag: 'events',
    access: { scope: 'read' },
    params: eventParams,
    async handle({ params, services }) {
      const { sql } = services.store;
      return json(
        await eventWithNeighbours(sql, await storedEvent(sql, params.projectId, params.eventId)),
      );
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/events/:eventId/json/',
    summary: 'Download the normalized event as a JSON file',
    tag: 'events',
    access: { scope: 'read' },
    params: eventParams,
    async handle({ params, services }) {
      const stored = await storedEvent(services.store.sql, params.projectId, params.eventId);
      return {
        kind: 'bytes',
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(stored.event, null, 2)),
        filename: `event-${stored.eventId}.json`,
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/events/:eventId/attachments/',
    summary: "An event's attachments (minidumps, files, screenshots)",
    tag: 'events',
    access: { scope: 'read' },
    params: eventParams,
    async handle({ params, services }) {
      const attachments = await eventAttachments(
        services.store.sql,
        params.projectId,
        params.eventId,
      );
      return json(
        attachments.map((a) => ({
          ...a,
          contentType: a.contentType ?? null,
          attachmentType: a.attachmentType ?? null,
        })),
      );
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/events/:eventId/attachments/:attachmentId/',
    summary: 'Download an attachment (always as a file: it is whatever the sender uploaded)',
    tag: 'events',
    access: { scope: 'read' },
    params: eventParams.extend({ attachmentId: id }),
    async handle({ params, services }) {
      const found = await attachmentData(
        services.store.sql,
        params.projectId,
        params.eventId,
        params.attachmentId,
      );
      if (found === undefined)
        throw new ApiError('not_found', `no attachment ${params.attachmentId}`);
      return {
        kind: 'bytes',
        contentType: 'application/octet-stream',
        body: found.data,
        filename: found.filename,
      };
    },
  }),
];
