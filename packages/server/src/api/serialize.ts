/**
 * The API's JSON shapes for stored records: camelCase, times as ISO 8601 strings (what Sentry's
 * API returns and what every client parses), never secrets.
 */
import type { ApiToken } from '../accounts/tokens.js';
import type { User } from '../accounts/users.js';
import type { EnvironmentDeploys, ReleaseRecord } from '../store/releases.js';
import type { IssueRecord, Project, ProjectKey } from '../store/types.js';
import { dsnFor } from '../server-urls.js';

export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function optionalIso(seconds: number | undefined): string | null {
  return seconds === undefined ? null : isoTime(seconds);
}

export function userJson(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: isoTime(user.createdAt),
  };
}

export function tokenJson(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    scope: token.scope,
    hint: token.hint,
    createdAt: isoTime(token.createdAt),
    lastUsedAt: optionalIso(token.lastUsedAt),
  };
}

export function projectJson(project: Project) {
  return {
    id: project.id,
    name: project.name,
    slug: project.slug,
    createdAt: isoTime(project.createdAt),
    scrubData: project.scrubData,
    scrubFields: project.scrubFields,
    quota: project.quota ?? null,
    retentionDays: project.retentionDays ?? null,
    maxEventsPerIssue: project.maxEventsPerIssue ?? null,
    allowedOrigins: project.allowedOrigins,
    groupingVersion: project.groupingVersion,
    /** While a transition is on: the older version still consulted, and until when. */
    secondaryGrouping:
      project.secondaryGrouping === undefined
        ? null
        : {
            version: project.secondaryGrouping.version,
            until: isoTime(project.secondaryGrouping.until),
          },
  };
}

export function keyJson(key: ProjectKey, publicUrl: string) {
  return {
    id: key.publicKey,
    publicKey: key.publicKey,
    projectId: key.projectId,
    active: key.active,
    rateLimit: key.rateLimit ?? null,
    createdAt: isoTime(key.createdAt),
    dsn: dsnFor(publicUrl, key.publicKey, key.projectId),
  };
}

export function issueJson(issue: IssueRecord) {
  return {
    id: issue.id,
    projectId: issue.projectId,
    title: issue.title,
    culprit: issue.culprit,
    type: issue.type ?? null,
    value: issue.value ?? null,
    level: issue.level,
    platform: issue.platform,
    status: issue.status,
    count: issue.count,
    userCount: issue.userCount,
    firstSeen: isoTime(issue.firstSeen),
    lastSeen: isoTime(issue.lastSeen),
    firstRelease: issue.firstRelease ?? null,
    lastRelease: issue.lastRelease ?? null,
    regressedAt: optionalIso(issue.regressedAt),
    // A resolved issue's release: it regresses only on events of a later one (store/issue-wake.ts).
    resolvedInRelease: issue.resolvedIn?.kind === 'in_release' ? issue.resolvedIn.version : null,
    resolvedInNextRelease:
      issue.resolvedIn?.kind === 'in_next_release' ? issue.resolvedIn.version : null,
    // An ignored issue with a limit becomes unresolved at its first event after `ignoredUntil`,
    // or once `count` reaches `ignoredUntilCount`; null when there is no such limit.
    ignoredUntil: optionalIso(issue.ignoredUntil),
    ignoredUntilCount: issue.ignoredUntilTimesSeen ?? null,
  };
}

export function releaseJson(release: ReleaseRecord, deploys: readonly EnvironmentDeploys[]) {
  return {
    version: release.version,
    createdAt: isoTime(release.createdAt),
    firstEvent: optionalIso(release.firstEvent),
    lastEvent: optionalIso(release.lastEvent),
    eventCount: release.eventCount,
    newIssues: release.newIssues,
    url: release.url ?? null,
    dateStarted: optionalIso(release.dateStarted),
    // When it was finalized (sentry-cli releases finalize).
    dateReleased: optionalIso(release.dateReleased),
    deploys: deploys
      .filter((deploy) => deploy.releaseId === release.id)
      .map((deploy) => ({
        environment: deploy.environment,
        count: deploy.count,
        lastDeployedAt: isoTime(deploy.lastDeployedAt),
      })),
  };
}
