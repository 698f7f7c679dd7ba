/**
 * Event and breadcrumb timestamps: SDKs send Unix seconds as a number (most), a numeric string
 * (some .NET and PHP versions), or an RFC 3339 / ISO 8601 string, sometimes without a zone (the
 * Unity sample's breadcrumbs), which Sentry reads as UTC.
 */

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const NUMERIC = /^\d{1,12}(?:\.\d+)?$/;

/** Unix seconds (with fractions), or `undefined` when the value is not a timestamp. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (NUMERIC.test(text)) return Number(text);
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, date, time = '00:00:00', fraction = '', zone = 'Z'] = match;
  const seconds = time.length === 5 ? `${time}:00` : time;
  const offset = zone === 'Z' || zone === 'z' ? 'Z' : normalizeOffset(zone);
  // Date.parse keeps milliseconds only; the fraction is added back so microseconds survive.
  const millis = Date.parse(`${date}T${seconds}${offset}`);
  if (!Number.isFinite(millis)) return undefined;
  const result = millis / 1000 + (fraction === '' ? 0 : Number(`0${fraction}`));
  return result >= 0 ? result : undefined;
}

function normalizeOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}
