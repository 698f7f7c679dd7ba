/**
 * What one digest batch changes on each issue it touches, summed in memory so each issue costs
 * one UPDATE per batch however many of its events the batch holds (most events of a busy
 * service land on a handful of issues). Dialect-independent; the dialects write it out.
 */
import type { DigestedEvent } from './types.js';

export interface TagDelta {
  key: string;
  value: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

export interface IssueDelta {
  issueId: number;
  projectId: number;
  isNew: boolean;
  count: number;
  firstSeen: number;
  lastSeen: number;
  lastReceivedAt: number;
  firstRelease: string | undefined;
  lastRelease: string | undefined;
  /** The release of each event (undefined: an event without one), for issue-wake.ts. */
  releases: Set<string | undefined>;
  /** Level of the newest event. */
  level: string;
  lastEventId: string;
  userKeys: Set<string>;
  hourly: Map<number, number>;
  tags: Map<string, TagDelta>;
}

export function hourOf(unixSeconds: number): number {
  return Math.floor(unixSeconds / 3600) * 3600;
}

export function newIssueDelta(issueId: number, isNew: boolean, event: DigestedEvent): IssueDelta {
  return {
    issueId,
    projectId: event.projectId,
    isNew,
    count: 0,
    firstSeen: event.timestamp,
    lastSeen: event.timestamp,
    lastReceivedAt: event.receivedAt,
    firstRelease: event.release,
    lastRelease: event.release,
    releases: new Set(),
    level: event.level,
    lastEventId: event.eventId,
    userKeys: new Set(),
    hourly: new Map(),
    tags: new Map(),
  };
}

export function addEventToDelta(delta: IssueDelta, event: DigestedEvent): void {
  delta.count++;
  delta.releases.add(event.release);
  if (event.timestamp < delta.firstSeen) {
    delta.firstSeen = event.timestamp;
    delta.firstRelease = event.release ?? delta.firstRelease;
  }
  if (event.timestamp >= delta.lastSeen) {
    delta.lastSeen = event.timestamp;
    delta.lastRelease = event.release ?? delta.lastRelease;
    delta.level = event.level;
    delta.lastEventId = event.eventId;
  }
  delta.lastReceivedAt = Math.max(delta.lastReceivedAt, event.receivedAt);
  if (event.userKey !== undefined) delta.userKeys.add(event.userKey);
  const hour = hourOf(event.timestamp);
  delta.hourly.set(hour, (delta.hourly.get(hour) ?? 0) + 1);
  for (const [key, value] of event.tags) {
    const id = `${key}\u0000${value}`;
    const tag = delta.tags.get(id);
    if (tag === undefined) {
      delta.tags.set(id, {
        key,
        value,
        count: 1,
        firstSeen: event.timestamp,
        lastSeen: event.timestamp,
      });
    } else {
      tag.count++;
      tag.firstSeen = Math.min(tag.firstSeen, event.timestamp);
      tag.lastSeen = Math.max(tag.lastSeen, event.timestamp);
    }
  }
}
