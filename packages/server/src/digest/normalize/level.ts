import type { Level } from '@faultline/protocol';

/**
 * Level names as SDKs spell them. `warn` (sentry-go, logging bridges), `critical` (Python's
 * logging), `log` (@sentry/browser console breadcrumbs) and `trace` are mapped the way Relay does.
 */
const LEVEL_NAMES: Readonly<Record<string, Level>> = {
  fatal: 'fatal',
  critical: 'fatal',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  log: 'info',
  debug: 'debug',
  trace: 'debug',
};

/** Python's logging levels, which raven-python sent as numbers. */
const PYTHON_LEVELS: ReadonlyArray<[number, Level]> = [
  [50, 'fatal'],
  [40, 'error'],
  [30, 'warning'],
  [20, 'info'],
  [0, 'debug'],
];

export function parseLevel(value: unknown): Level | undefined {
  if (typeof value === 'string') return LEVEL_NAMES[value.trim().toLowerCase()];
  if (typeof value === 'number' && Number.isFinite(value))
    return PYTHON_LEVELS.find(([threshold]) => value >= threshold)?.[1];
  return undefined;
}
