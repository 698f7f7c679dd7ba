/** Input schemas several routes share (ids in paths, pagination). */
import { z } from 'zod';
import { MAX_RATE_WINDOW_SECONDS } from '../store/rate-window-lifetimes.js';

/** A positive integer id in a path or query (they arrive as text). */
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const projectParams = z.object({ projectId: id });
export const issueParams = z.object({ issueId: id });

export const limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

export const cursor = z.string().max(200).optional();

/** A count per window; null removes the limit. */
export const rateLimitInput = z
  .object({
    count: z.number().int().min(1).max(1_000_000_000),
    windowSeconds: z.number().int().min(1).max(MAX_RATE_WINDOW_SECONDS),
  })
  .nullable();

/** Free text people give things (names); control characters have no business there. */
export const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
