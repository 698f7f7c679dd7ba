import type { StackFrame } from '@faultline/protocol';

/**
 * Why frames stayed minified, read from what digest's symbolication writes on each JavaScript
 * frame (`data.unmapped_reason`, `data.unmapped_detail`: server digest/symbolicate/frame-data.ts).
 * "Source maps uploaded but not applied" is the first support question of every Sentry-compatible
 * tracker; these sentences answer it on the page.
 */
export interface Unmapped {
  code: string;
  detail: string;
}

export interface UnmappedGroup extends Unmapped {
  /** Frames with this reason. */
  count: number;
  /** How many other sentences the same reason has (other files, other positions). */
  others: number;
}

/** Frames that are not source files (`node:internal/…`, `<anonymous>`) never had a map. */
const NOT_A_SOURCE_FILE = 'not_a_source_file';

export function unmappedOf(frame: StackFrame): Unmapped | undefined {
  const data = frame.data;
  if (data === undefined || data['symbolicated'] !== false) return undefined;
  const code = data['unmapped_reason'];
  const detail = data['unmapped_detail'];
  if (typeof code !== 'string' || typeof detail !== 'string') return undefined;
  return { code, detail };
}

/** Whether the reason is worth a line of its own on the frame (a map could have applied). */
export function isWorthExplaining(unmapped: Unmapped): boolean {
  return unmapped.code !== NOT_A_SOURCE_FILE;
}

/**
 * One group per reason, most frames first, each with the sentence of its newest frame; frames
 * are stored oldest first, so on a tie the reason nearest the error comes first.
 */
export function unmappedGroups(frames: readonly StackFrame[]): UnmappedGroup[] {
  const groups = new Map<string, UnmappedGroup & { details: Set<string> }>();
  for (const frame of [...frames].reverse()) {
    const unmapped = unmappedOf(frame);
    if (unmapped === undefined || !isWorthExplaining(unmapped)) continue;
    const group = groups.get(unmapped.code);
    if (group === undefined) {
      groups.set(unmapped.code, {
        ...unmapped,
        count: 1,
        others: 0,
        details: new Set([unmapped.detail]),
      });
    } else {
      group.count++;
      group.details.add(unmapped.detail);
      group.others = group.details.size - 1;
    }
  }
  return [...groups.values()]
    .map(({ details: _details, ...group }) => group)
    .sort((a, b) => b.count - a.count);
}
