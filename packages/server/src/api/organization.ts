/**
 * The one organization Faultline shows through Sentry's API. sentry.io groups projects in
 * organizations, and sentry-cli and the bundler plugins name one in every call (`SENTRY_ORG`,
 * `/api/0/organizations/{org}/…`); Faultline has a single set of projects, so it answers to one
 * organization holding all of them, `faultline` unless `serve --org` names it otherwise.
 */
import { PROJECT_SLUG } from '../store/project-slug.js';
import type { Project } from '../store/types.js';
import { canSeeProject } from './access.js';
import { ApiError } from './errors.js';
import type { Principal } from './route.js';
import type { ApiServices } from './services.js';

export interface Organization {
  slug: string;
  name: string;
}

export const DEFAULT_ORGANIZATION_SLUG = 'faultline';

/** The organization for a configured slug; a slug must look like a project's. */
export function organizationFor(slug: string = DEFAULT_ORGANIZATION_SLUG): Organization {
  if (!PROJECT_SLUG.test(slug)) {
    throw new TypeError(`the organization slug ${JSON.stringify(slug)} is not a valid slug`);
  }
  return { slug, name: slug === DEFAULT_ORGANIZATION_SLUG ? 'Faultline' : slug };
}

/** Checks a path's `{org}`: another one is a 404, as sentry.io answers an unknown one. */
export function checkOrganization(services: ApiServices, slug: string): Organization {
  if (slug !== services.organization.slug) {
    throw new ApiError('not_found', `no organization ${slug.slice(0, 100)}`);
  }
  return services.organization;
}

/** The projects the principal sees, in id order. */
export async function visibleProjects(
  services: ApiServices,
  principal: Principal,
): Promise<Project[]> {
  const all = await services.store.listProjects();
  return all.filter((project) => canSeeProject(principal, project.id));
}

/**
 * A project named by slug or, as sentry-cli sends an all-digit one, by numeric id; one the
 * principal does not see is as missing as one that does not exist.
 */
export function findProject(
  projects: readonly Project[],
  slugOrId: string | number,
): Project | undefined {
  return projects.find((project) =>
    typeof slugOrId === 'number' ? project.id === slugOrId : project.slug === slugOrId,
  );
}

/** The project of a project-scoped path, checked visible. */
export async function projectBySlug(
  services: ApiServices,
  principal: Principal,
  slug: string,
): Promise<Project> {
  const project = findProject(await visibleProjects(services, principal), slug);
  if (project === undefined) throw new ApiError('not_found', `no project ${slug.slice(0, 100)}`);
  return project;
}
