/** Finding issues (the search language), reading one, and triaging them singly or in bulk. */
import { z } from 'zod';
import {
  deleteIssues,
  issuesInProject,
  mergeIssues,
  setIssuesStatus,
} from '../../store/issue-actions.js';
import { issueGrouping } from '../../store/issue-grouping.js';
import { checkStatusDetail, statusDetailOf, statusFields } from '../issue-status.js';
import { STATS_PERIODS, issueStats } from '../issue-stats.js';
import { issueTagDistributions } from '../issue-tags.js';
import { ISSUE_SORTS, SearchError, searchIssues } from '../search/issue-search.js';
import { ApiError } from '../errors.js';
import { nextPageHeaders } from '../pagination.js';
import { json, noContent, route } from '../route.js';
import type { Principal } from '../route.js';
import { cursor, id, issueParams, limit, projectParams } from '../schemas.js';
import { issueJson } from '../serialize.js';
import { numberColumn, stringColumn } from '../../store/sql.js';

const idList = z.array(id).min(1).max(1000);
const by = (principal: Principal) => ({ userId: principal.user.id, at: Date.now() / 1000 });

export const issueRoutes = [
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/issues/',
    summary: 'Search issues, e.g. query=is:unresolved level:error release:1.2.0 "free text"',
    tag: 'issues',
    access: { scope: 'read' },
    params: projectParams,
    query: z.object({
      query: z.string().max(1000).default('is:unresolved'),
      sort: z.enum(ISSUE_SORTS).default('last_seen'),
      cursor,
      limit: limit(100, 25),
      stats: z
        .enum(STATS_PERIODS)
        .optional()
        .describe("Add each issue's events per hour (24h) or per day (14d), oldest first"),
    }),
    async handle({ params, query, services, url }) {
      try {
        const { sql } = services.store;
        const page = await searchIssues(sql, {
          projectIds: [params.projectId],
          query: query.query,
          sort: query.sort,
          limit: query.limit,
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        const stats =
          query.stats === undefined
            ? undefined
            : await issueStats(
                sql,
                page.issues.map((issue) => issue.id),
                query.stats,
                Date.now() / 1000,
              );
        const body = page.issues.map((issue) => ({
          ...issueJson(issue),
          ...(stats === undefined ? {} : { stats: stats.get(issue.id) ?? [] }),
        }));
        return json(body, 200, nextPageHeaders(url, page.nextCursor));
      } catch (error) {
        if (error instanceof SearchError) {
          throw new ApiError('invalid_query', error.message, { field: `query.${error.field}` });
        }
        throw error;
      }
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/projects/:projectId/tags/',
    summary:
      "Tag keys on the project's 500 most recently seen issues, most used first (search completion)",
    tag: 'issues',
    access: { scope: 'read' },
    params: projectParams,
    async handle({ params, services }) {
      const rows = await services.store.sql.all(
        `SELECT key, count(DISTINCT issue_id) AS issues FROM issue_tags
         WHERE issue_id IN (
           SELECT id FROM issues WHERE project_id = ? ORDER BY last_seen DESC LIMIT 500)
         GROUP BY key ORDER BY issues DESC, key LIMIT 200`,
        [params.projectId],
      );
      return json(
        rows.map((row) => ({ key: stringColumn(row, 'key'), issues: numberColumn(row, 'issues') })),
      );
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/projects/:projectId/issues/',
    summary:
      'Resolve (now, inRelease or inNextRelease), ignore (forever, for ignoreDuration or ignoreCount) or unresolve issues',
    tag: 'issues',
    access: { scope: 'write' },
    params: projectParams,
    body: z.object({ ids: idList, ...statusFields }).superRefine(checkStatusDetail),
    async handle({ params, body, principal, services }) {
      const { store } = services;
      const ids = await issuesInProject(store.sql, params.projectId, body.ids);
      const detail = await statusDetailOf(store.sql, params.projectId, body);
      await setIssuesStatus(store.sql, ids, body.status, by(principal), detail);
      return json({ updated: ids });
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/issues/delete/',
    summary: 'Delete several issues with their events',
    tag: 'issues',
    access: { scope: 'write' },
    params: projectParams,
    body: z.object({ ids: idList }),
    async handle({ params, body, services }) {
      const { store } = services;
      const ids = await issuesInProject(store.sql, params.projectId, body.ids);
      await deleteIssues(store.sql, params.projectId, ids);
      return json({ deleted: ids });
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/projects/:projectId/issues/merge/',
    summary: 'Merge issues into the first one given: later events of all of them land there',
    tag: 'issues',
    access: { scope: 'write' },
    params: projectParams,
    body: z.object({ ids: z.array(id).min(2).max(100) }),
    async handle({ params, body, principal, services }) {
      const { store } = services;
      const found = new Set(await issuesInProject(store.sql, params.projectId, body.ids));
      const missing = body.ids.find((issueId) => !found.has(issueId));
      if (missing !== undefined) {
        throw new ApiError('not_found', `project ${params.projectId} has no issue ${missing}`, {
          field: 'body.ids',
        });
      }
      const [target, ...sources] = body.ids as [number, ...number[]];
      await mergeIssues(store.sql, target, sources, by(principal));
      return json(issueJson((await store.getIssue(target))!));
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/issues/:issueId/',
    summary: 'One issue, with its activity (status changes, merges)',
    tag: 'issues',
    access: { scope: 'read' },
    params: issueParams,
    async handle({ services, issue }) {
      const activity = await services.store.issueActivity(issue.id);
      return json({ ...issueJson(issue), activity });
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/issues/:issueId/',
    summary: "Change an issue's status, with the bulk PUT's ignore limits and resolve releases",
    tag: 'issues',
    access: { scope: 'write' },
    params: issueParams,
    body: z.object(statusFields).superRefine(checkStatusDetail),
    async handle({ body, principal, services, issue }) {
      const { store } = services;
      const detail = await statusDetailOf(store.sql, issue.projectId, body);
      await setIssuesStatus(store.sql, [issue.id], body.status, by(principal), detail);
      return json(issueJson((await store.getIssue(issue.id))!));
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/0/issues/:issueId/',
    summary: 'Delete an issue with its events',
    tag: 'issues',
    access: { scope: 'write' },
    params: issueParams,
    async handle({ services, issue }) {
      await deleteIssues(services.store.sql, issue.projectId, [issue.id]);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/issues/:issueId/counts/',
    summary: 'Events per hour or per day',
    tag: 'issues',
    access: { scope: 'read' },
    params: issueParams,
    query: z.object({ interval: z.enum(['hour', 'day']).default('hour') }),
    async handle({ query, services, issue }) {
      const hourly = await services.store.issueHourlyCounts(issue.id);
      const size = query.interval === 'hour' ? 3600 : 86400;
      const buckets = new Map<number, number>();
      for (const { hour, count } of hourly) {
        const start = hour - (hour % size);
        buckets.set(start, (buckets.get(start) ?? 0) + count);
      }
      return json(
        [...buckets].map(([start, count]) => ({
          start: new Date(start * 1000).toISOString(),
          count,
        })),
      );
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/issues/:issueId/tags/',
    summary:
      'Tag value distributions: the keys on the most events (`keys` of them, sorted by name), ' +
      'each with its `top` most frequent values and their counts',
    tag: 'issues',
    access: { scope: 'read' },
    params: issueParams,
    query: z.object({
      top: limit(100, 10).describe('Values per key'),
      keys: limit(100, 25).describe('Keys: those on the most events'),
    }),
    async handle({ query, services, issue }) {
      return json(
        await issueTagDistributions(services.store.sql, issue.id, {
          keys: query.keys,
          valuesPerKey: query.top,
        }),
      );
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/issues/:issueId/grouping/',
    summary: 'Why these events were grouped: each grouping hash with the components it was made of',
    tag: 'issues',
    access: { scope: 'read' },
    params: issueParams,
    async handle({ services, issue }) {
      return json(await issueGrouping(services.store.sql, issue.id));
    },
  }),
];
