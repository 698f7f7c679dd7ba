/** The event's scalar fields, each checked against what Sentry accepts. */
import { isRecord, lenientStringOf, setOwn, truncate } from './json-guards.js';
import {
  MAX_ENVIRONMENT_CHARS,
  MAX_FINGERPRINT_PARTS,
  MAX_LABEL_CHARS,
  MAX_LOOKUP_CHARS,
  MAX_MODULES,
  MAX_SYMBOL_CHARS,
} from './limits.js';
import { entriesOf } from './pairs.js';
import { parseTimestamp } from './timestamp.js';

/** Sentry's list of platforms; anything else is stored as `other` (as Relay does). */
// prettier-ignore
const PLATFORMS = new Set([
  'as3', 'c', 'cfml', 'cocoa', 'csharp', 'elixir', 'go', 'groovy', 'haskell', 'java',
  'javascript', 'native', 'node', 'objc', 'other', 'perl', 'php', 'python', 'ruby',
]);

/**
 * How far ahead of the server's clock an event may claim to be (Relay's default). A device clock
 * set years ahead would otherwise pin the "last seen" in the future.
 */
const MAX_SECONDS_IN_FUTURE = 60;

export function platformOf(value: unknown): string {
  // A longer string is no platform name: it is not lower-cased whole to find that out.
  if (typeof value !== 'string' || value.length > MAX_LOOKUP_CHARS) return 'other';
  const platform = value.trim().toLowerCase();
  return PLATFORMS.has(platform) ? platform : 'other';
}

export function eventTimestampOf(value: unknown, receivedAt: number): number {
  const timestamp = parseTimestamp(value);
  if (timestamp === undefined || timestamp > receivedAt + MAX_SECONDS_IN_FUTURE) return receivedAt;
  return timestamp;
}

/** A one-line label (release, environment, dist, logger…): trimmed, without line breaks. */
export function labelOf(value: unknown, maxChars: number): string | undefined {
  const text = lenientStringOf(value, Number.MAX_SAFE_INTEGER)?.trim();
  if (text === undefined || text === '' || /[\r\n]/.test(text)) return undefined;
  return truncate(text, maxChars);
}

/**
 * Sentry's default when an SDK sends none. Sentry also refuses names with slashes or spaces;
 * they are kept here, since moving such an event to `production` would misfile it.
 */
export function environmentOf(value: unknown): string {
  return labelOf(value, MAX_ENVIRONMENT_CHARS) ?? 'production';
}

/** A list of strings; numbers and booleans are written as text, anything else is skipped. */
export function fingerprintOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts = value
    .slice(0, MAX_FINGERPRINT_PARTS)
    .flatMap((part) => lenientStringOf(part, MAX_SYMBOL_CHARS * 4) ?? []);
  return parts.length === 0 ? undefined : parts;
}

/** `modules`: package name → version. */
export function modulesOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const modules: Record<string, string> = {};
  for (const [name, version] of entriesOf(value, MAX_MODULES)) {
    const text = lenientStringOf(version, MAX_LABEL_CHARS);
    if (text !== undefined) setOwn(modules, truncate(name, MAX_SYMBOL_CHARS), text);
  }
  return Object.keys(modules).length === 0 ? undefined : modules;
}
