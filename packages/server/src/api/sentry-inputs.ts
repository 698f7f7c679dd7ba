/**
 * Input schemas of Sentry's API routes, with sentry.io's rules: a release version is at most 200
 * characters, not `.`, `..`, blank or `latest`, without line breaks, tabs or slashes (Sentry
 * `Release.is_valid_version`; Faultline refuses every control character); an environment is at
 * most 64, without slashes or control characters (`Environment.is_valid_name`); times are
 * ISO 8601, as sentry-cli writes them.
 */
import { z } from 'zod';

const BAD_VERSION_CHARACTERS = /[\p{Cc}/\\]/u;

export const releaseVersion = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (version) => !BAD_VERSION_CHARACTERS.test(version),
    'must not contain / \\ or control characters',
  )
  .refine((version) => {
    const trimmed = version.trim();
    return (
      trimmed !== '' && trimmed !== '.' && trimmed !== '..' && trimmed.toLowerCase() !== 'latest'
    );
  }, 'must not be blank, ".", ".." or "latest"');

export const environmentName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}/]+$/u, 'must not contain / or control characters');

/** An ISO 8601 time, as Unix seconds. */
export const isoDate = z
  .string()
  .max(64)
  .refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 time')
  .transform((text) => Date.parse(text) / 1000);

/** An http(s) URL or nothing (sentry-cli sends null for no URL). */
export const optionalUrl = z.string().url().max(2000).nullish();

/** sentry-cli names projects by slug, or by id when a slug is all digits. */
export const projectRef = z.union([z.string().min(1).max(100), z.number().int().positive()]);

export const orgParams = z.object({ org: z.string().min(1).max(100) });
export const orgProjectParams = orgParams.extend({ project: z.string().min(1).max(100) });
export const orgReleaseParams = orgParams.extend({ version: releaseVersion });
export const projectReleaseParams = orgProjectParams.extend({ version: releaseVersion });

/** What a release's create and update bodies share. Refs and commits are accepted, unused. */
export const releaseFields = {
  url: optionalUrl,
  dateStarted: isoDate.nullish(),
  dateReleased: isoDate.nullish(),
  refs: z.array(z.unknown()).max(1000).optional(),
  commits: z.array(z.unknown()).max(10_000).optional(),
  status: z.enum(['open', 'archived']).optional(),
};
