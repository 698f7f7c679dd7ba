/**
 * Moving a project from one grouping version to another without splitting its issues (Sentry's
 * secondary grouping, Bugsink 2.5's transition window). For a while after the switch the old
 * version stays the project's secondary: digest computes both hashes; an event whose new hash
 * leads nowhere yet joins the issue its old hash leads to, and its new hash is added to that
 * issue, so later events find it directly (store/*\/persist-batch.ts). After `until` only the new
 * version counts: by then the issues that were still alive carry their new hashes.
 *
 * Road not taken: re-hashing the stored events on upgrade. It is as slow as the store is big,
 * and events already deleted by retention could not be re-hashed anyway.
 */
import type { Project, SecondaryGrouping } from '../../store/types.js';
import { GROUPING_VERSIONS, LATEST_GROUPING_VERSION } from './registry.js';

/** How long the old version is consulted after a switch. */
export const GROUPING_TRANSITION_SECONDS = 90 * 24 * 60 * 60;

export interface GroupingVersions {
  primary: string;
  /** Only while a transition is active: the digest computes a second hash only then. */
  secondary: string | undefined;
}

/** The versions an event received at `receivedAt` (Unix seconds) is hashed with. */
export function groupingVersionsAt(
  project: Pick<Project, 'groupingVersion' | 'secondaryGrouping'>,
  receivedAt: number,
): GroupingVersions {
  // A version this server does not know (a database written by a newer one) must not make every
  // event undigestable: the latest stands in, and an unknown secondary is left out.
  const primary = GROUPING_VERSIONS.includes(project.groupingVersion)
    ? project.groupingVersion
    : LATEST_GROUPING_VERSION;
  const old = project.secondaryGrouping;
  const active =
    old !== undefined &&
    receivedAt < old.until &&
    old.version !== primary &&
    GROUPING_VERSIONS.includes(old.version);
  return { primary, secondary: active ? old.version : undefined };
}

/**
 * The settings that switch a project to `version` at `now`: the version it had becomes its
 * secondary for the transition period. Switching to the version it has changes nothing.
 */
export function groupingSwitch(
  project: Pick<Project, 'groupingVersion' | 'secondaryGrouping'>,
  version: string,
  now: number,
): { groupingVersion: string; secondaryGrouping: SecondaryGrouping | undefined } {
  if (version === project.groupingVersion)
    return { groupingVersion: version, secondaryGrouping: project.secondaryGrouping };
  return {
    groupingVersion: version,
    secondaryGrouping: {
      version: project.groupingVersion,
      until: now + GROUPING_TRANSITION_SECONDS,
    },
  };
}
