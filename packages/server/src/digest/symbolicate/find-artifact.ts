/**
 * Which uploaded map a minified file uses: the debug ID the event names for it first (exact, and
 * immune to wrong release names), else the event's release and dist with the file's URL, as
 * Sentry resolves them. A miss comes back as the reason the frame will carry.
 */
import type { ResolvedWith } from './frame-data.js';
import { releaseUrlCandidates } from './frame-paths.js';
import type { SourceMapArtifact, SourceMapSource } from './source-map-source.js';
import { unmapped } from './unmapped-reason.js';
import type { UnmappedReason } from './unmapped-reason.js';

export type FoundArtifact =
  | { ok: true; artifact: SourceMapArtifact; resolvedWith: ResolvedWith }
  | { ok: false; reason: UnmappedReason };

export interface ArtifactQuery {
  absPath: string;
  debugId: string | undefined;
  release: string | undefined;
  dist: string | undefined;
}

const OTHER_RELEASES_SHOWN = 3;

export async function findArtifact(
  query: ArtifactQuery,
  source: SourceMapSource,
): Promise<FoundArtifact> {
  const { absPath, debugId, release, dist } = query;
  if (debugId !== undefined) {
    const artifact = await source.byDebugId(debugId);
    if (artifact !== undefined) return { ok: true, artifact, resolvedWith: 'debug-id' };
  }
  const candidates = releaseUrlCandidates(absPath);
  if (release !== undefined) {
    for (const url of candidates) {
      const artifact = await source.byReleaseUrl(release, dist, url);
      if (artifact !== undefined) return { ok: true, artifact, resolvedWith: 'release' };
    }
  }
  const relative = candidates[candidates.length - 1] ?? absPath;
  if (debugId !== undefined) {
    return miss(
      'debug_id_not_found',
      `the event names debug ID ${debugId} for ${absPath}, but no uploaded artifact bundle has it` +
        (release === undefined
          ? ''
          : `, and release ${describe(release, dist)} has no ${relative}`),
    );
  }
  if (release === undefined) {
    return miss(
      'no_debug_id_no_release',
      `the event names no debug ID for ${absPath} and no release to look ${relative} up in`,
    );
  }
  const others = (await source.releasesWithUrl?.(relative, OTHER_RELEASES_SHOWN + 1)) ?? [];
  const otherThanThis = others.filter((other) => other !== release);
  if (otherThanThis.length > 0) {
    const shown = otherThanThis.slice(0, OTHER_RELEASES_SHOWN).join(', ');
    return miss(
      'other_release',
      `${relative} was uploaded for release ${shown}${otherThanThis.length > OTHER_RELEASES_SHOWN ? ', …' : ''}, ` +
        `not for this event's release ${describe(release, dist)}`,
    );
  }
  const otherDist = others.includes(release) ? ', only under another dist' : '';
  return miss(
    'no_release_match',
    `the event names no debug ID for ${absPath}, and release ${describe(release, dist)} has no ` +
      `${relative}${otherDist}`,
  );
}

function describe(release: string, dist: string | undefined): string {
  return dist === undefined ? release : `${release} (dist ${dist})`;
}

function miss(code: UnmappedReason['code'], detail: string): FoundArtifact {
  return { ok: false, reason: unmapped(code, detail) };
}
