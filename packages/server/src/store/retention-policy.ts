/**
 * What one retention pass removes, worked out from the projects' settings before any row is
 * touched: a cutoff below which every project's events go at once (PostgreSQL drops whole
 * partitions there), the later cutoffs of the projects that keep less, and the per-issue caps.
 */
import type { Project } from './types.js';

const DAY_SECONDS = 24 * 3600;

export interface RetentionPolicy {
  /** Unix seconds. */
  now: number;
  /** Days kept for a project without its own retention (`serve --retention-days`). */
  defaultRetentionDays: number;
}

export interface RetentionPlan {
  /** No project keeps anything received before this: it may go without looking at projects. */
  everyProjectCutoff: number;
  /** The projects that keep less than the longest retention, each with its own cutoff. */
  projectCutoffs: Array<{ projectId: number; cutoff: number }>;
  /** The projects that keep only the newest events of each issue. */
  issueCaps: Array<{ projectId: number; maxEventsPerIssue: number }>;
}

export function planRetention(
  projects: readonly Pick<Project, 'id' | 'retentionDays' | 'maxEventsPerIssue'>[],
  policy: RetentionPolicy,
): RetentionPlan {
  const cutoffOf = (days: number) => policy.now - days * DAY_SECONDS;
  // The default counts even when no project uses it now: a project created during the pass
  // takes it, and must not find its (migrated, older) events gone.
  const longestDays = Math.max(
    policy.defaultRetentionDays,
    ...projects.map((project) => project.retentionDays ?? 0),
  );
  const everyProjectCutoff = cutoffOf(longestDays);
  const projectCutoffs = projects
    .map((project) => ({
      projectId: project.id,
      cutoff: cutoffOf(project.retentionDays ?? policy.defaultRetentionDays),
    }))
    .filter((project) => project.cutoff > everyProjectCutoff);
  const issueCaps = projects.flatMap((project) =>
    project.maxEventsPerIssue === undefined
      ? []
      : [{ projectId: project.id, maxEventsPerIssue: project.maxEventsPerIssue }],
  );
  return { everyProjectCutoff, projectCutoffs, issueCaps };
}
