/** Parses a request part with its route's schema; the first problem becomes a 400 naming the field. */
import type { z } from 'zod';
import { ApiError } from './errors.js';

export type RequestPart = 'params' | 'query' | 'body';

export function validate(
  schema: z.ZodType | undefined,
  part: RequestPart,
  input: unknown,
): unknown {
  if (schema === undefined) return part === 'body' ? undefined : {};
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [part, ...issue.path.map(String)].join('.');
  throw new ApiError('invalid_request', `${field}: ${issue.message}`, { field });
}

/** Query strings as plain objects; a repeated name keeps its last value. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}
