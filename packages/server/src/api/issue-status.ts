/**
 * The body that changes issues' status, for the bulk and the one-issue PUT alike: the status,
 * and what goes with it — an ignore's limit (ignoreDuration, ignoreCount) or a resolve's release
 * (inRelease, inNextRelease, as Sentry's API names them).
 */
import { z } from 'zod';
import type { StatusDetail } from '../store/issue-actions.js';
import { getRelease, latestRelease } from '../store/releases.js';
import type { Sql } from '../store/sql.js';
import { ApiError } from './errors.js';

const STATUSES = ['unresolved', 'resolved', 'ignored'] as const;
/** A year: longer than that is as good as ignoring forever, which needs no limit. */
const MAX_IGNORE_MINUTES = 366 * 24 * 60;

export const statusFields = {
  status: z.enum(STATUSES),
  ignoreDuration: z
    .number()
    .int()
    .min(1)
    .max(MAX_IGNORE_MINUTES)
    .optional()
    .describe('With status ignored: minutes after which the next event makes it unresolved'),
  ignoreCount: z
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .optional()
    .describe('With status ignored: how many more events make it unresolved'),
  inRelease: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('With status resolved: fixed in this release; its events and later ones regress'),
  inNextRelease: z
    .literal(true)
    .optional()
    .describe("With status resolved: fixed in the release after the project's latest"),
};
export type StatusFields = z.output<z.ZodObject<typeof statusFields>>;

const DETAIL_STATUS = {
  ignoreDuration: 'ignored',
  ignoreCount: 'ignored',
  inRelease: 'resolved',
  inNextRelease: 'resolved',
} as const;

/** A detail goes with its status only, and one at most; the 400 names the field at fault. */
export function checkStatusDetail(body: StatusFields, ctx: z.RefinementCtx): void {
  const given = (Object.keys(DETAIL_STATUS) as Array<keyof typeof DETAIL_STATUS>).filter(
    (field) => body[field] !== undefined,
  );
  for (const field of given) {
    if (body.status !== DETAIL_STATUS[field]) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `goes only with status "${DETAIL_STATUS[field]}"`,
      });
    }
  }
  if (given.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [given[1]!],
      message: `give ${given.join(' or ')}, not both`,
    });
  }
}

/** The store's detail for the body; a release must be one the project has. */
export async function statusDetailOf(
  sql: Sql,
  projectId: number,
  body: StatusFields,
): Promise<StatusDetail | undefined> {
  if (body.ignoreDuration !== undefined) return { minutes: body.ignoreDuration };
  if (body.ignoreCount !== undefined) return { moreEvents: body.ignoreCount };
  if (body.inRelease !== undefined) {
    if ((await getRelease(sql, projectId, body.inRelease)) === undefined) {
      throw new ApiError('invalid_request', `this project has no release ${body.inRelease}`, {
        field: 'body.inRelease',
      });
    }
    return { kind: 'in_release', version: body.inRelease };
  }
  if (body.inNextRelease !== undefined) {
    const latest = await latestRelease(sql, projectId);
    if (latest === undefined) {
      throw new ApiError('invalid_request', 'this project has no release yet', {
        field: 'body.inNextRelease',
      });
    }
    return { kind: 'in_next_release', version: latest.version };
  }
  return undefined;
}
