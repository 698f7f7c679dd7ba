import type { Level } from '@faultline/protocol';
import { MAX_LOOKUP_CHARS } from './limits.js';

/**
 * Level names as SDKs spell them. `warn` (sentry-go, logging bridges), `critical` (Python's
 * logging), `log` (@sentry/browser console breadcrumbs) and `trace` are mapped the way Relay does.
 * A Map, not an object literal: the name comes from the event, and `constructor` or `__proto__`
 * would find Object.prototype's members in a plain object.
 */
const LEVEL_NAMES: ReadonlyMap<string, Level> = new Map([
  ['fatal', 'fatal'],
  ['critical', 'fatal'],
  ['error', 'error'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['info', 'info'],
  ['log', 'info'],
  ['debug', 'debug'],
  ['trace', 'debug'],
]);

/** Python's logging levels, which raven-python sent as numbers. */
const PYTHON_LEVELS: ReadonlyArray<[number, Level]> = [
  [50, 'fatal'],
  [40, 'error'],
  [30, 'warning'],
  [20, 'info'],
  [0, 'debug'],
];

export function parseLevel(value: unknown): Level | undefined {
  if (typeof value === 'string')
    return value.length > MAX_LOOKUP_CHARS
      ? undefined // no level name: not lower-cased whole to find that out
      : LEVEL_NAMES.get(value.trim().toLowerCase());
  if (typeof value === 'number' && Number.isFinite(value))
    return PYTHON_LEVELS.find(([threshold]) => value >= threshold)?.[1];
  return undefined;
}
