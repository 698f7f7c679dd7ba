/**
 * Grouping versions, side by side (Bugsink's idea): each event is hashed with one version and
 * the version is stored with the hash, so a new version can be introduced for new events while
 * issues made by an older one stay intact. Released versions are never edited.
 */
import type { SentryEvent } from '@faultline/protocol';
import { hashComponent } from './component.js';
import type { GroupingComponent } from './component.js';
import { groupEventV1 } from './v1.js';
import { groupEventV2 } from './v2.js';

export type { GroupingComponent } from './component.js';

/** What new projects group by (existing ones move to it through a transition: transition.ts). */
export const LATEST_GROUPING_VERSION = 'v2';

const STRATEGIES: Readonly<Record<string, (event: SentryEvent) => GroupingComponent>> = {
  v1: groupEventV1,
  v2: groupEventV2,
};

export const GROUPING_VERSIONS: readonly string[] = Object.keys(STRATEGIES);

export interface GroupingResult {
  version: string;
  /** 32 lowercase hex digits, computed from the contributing parts of `components`. */
  hash: string;
  /** Why the event has this hash: a JSON tree a UI can render. */
  components: GroupingComponent;
}

export function computeGrouping(
  event: SentryEvent,
  version: string = LATEST_GROUPING_VERSION,
): GroupingResult {
  const strategy = Object.hasOwn(STRATEGIES, version) ? STRATEGIES[version] : undefined;
  if (strategy === undefined) throw new RangeError(`unknown grouping version: ${version}`);
  const components = strategy(event);
  return { version, hash: hashComponent(components), components };
}
