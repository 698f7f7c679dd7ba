/**
 * Which of two releases is later, as sentry.io decides it for "resolved in release": by semantic
 * version when both versions parse as one (`1.10.0` after `1.9.2`, `app@2.0.0-rc.1` before
 * `app@2.0.0`, and only within one package: `a@2.0.0` and `b@1.0.0` do not compare), else by
 * when each release was first seen. Pure; the dialects look up the first-seen times.
 */

interface Semver {
  /** The part before the last `@` (`my-app` in `my-app@1.2.3`), or '' without one. */
  package: string;
  /** major, minor, patch and an optional fourth number (Sentry's revision). */
  numbers: number[];
  /** Pre-release identifiers (`rc.1` → ['rc', '1']); empty for a release. */
  prerelease: string[];
}

const SEMVER =
  /^v?(\d{1,15})(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(?:\.(\d{1,15}))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(version: string): Semver | undefined {
  const at = version.lastIndexOf('@');
  const match = SEMVER.exec(at < 0 ? version : version.slice(at + 1));
  if (match === null) return undefined;
  return {
    package: at < 0 ? '' : version.slice(0, at),
    numbers: [1, 2, 3, 4].map((group) => Number(match[group] ?? 0)),
    prerelease: match[5] === undefined ? [] : match[5].split('.'),
  };
}

function compareIdentifiers(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  // semver.org §11: numeric identifiers sort before alphanumeric ones.
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 4; i++) {
    const difference = a.numbers[i]! - b.numbers[i]!;
    if (difference !== 0) return Math.sign(difference);
  }
  // A pre-release comes before its release.
  if (a.prerelease.length === 0 && b.prerelease.length === 0) return 0;
  if (a.prerelease.length === 0) return 1;
  if (b.prerelease.length === 0) return -1;
  const length = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < length; i++) {
    const left = a.prerelease[i];
    const right = b.prerelease[i];
    // The shorter list of equal identifiers is the earlier one.
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const difference = compareIdentifiers(left, right);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

export interface KnownRelease {
  version: string;
  /** When Faultline first saw it (releases.created_at); undefined when it is not stored. */
  createdAt: number | undefined;
}

/** Negative when `a` is the earlier release, positive when the later, 0 when neither. */
export function compareReleases(a: KnownRelease, b: KnownRelease): number {
  if (a.version === b.version) return 0;
  const semverA = parseSemver(a.version);
  const semverB = parseSemver(b.version);
  if (semverA !== undefined && semverB !== undefined && semverA.package === semverB.package) {
    return compareSemver(semverA, semverB);
  }
  if (a.createdAt === undefined || b.createdAt === undefined) return 0;
  return Math.sign(a.createdAt - b.createdAt);
}
