/**
 * Small readers for untrusted JSON: each returns a typed value or `undefined`, never throws.
 * Everything in an event payload is attacker-controlled, so every field goes through one of these.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets a key taken from input on a plain object. A JSON key `__proto__` would otherwise replace
 * the object's prototype instead of becoming data.
 */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else record[key] = value;
}

/** Cuts `text` to at most `maxChars` UTF-16 units, marking the cut with `…`, never splitting a surrogate pair. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let end = maxChars - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A non-empty string, truncated; anything else is absent. */
export function stringOf(value: unknown, maxChars: number): string | undefined {
  return typeof value === 'string' && value.length > 0 ? truncate(value, maxChars) : undefined;
}

/**
 * Like `stringOf`, but numbers and booleans become strings: SDKs send `user.id: 42`, numeric tag
 * values and `exception.value: 404`, and Sentry accepts them (Relay calls this a lenient string).
 */
export function lenientStringOf(value: unknown, maxChars: number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return stringOf(value, maxChars);
}

/** A whole number in `[min, max]`; numeric strings are accepted (some SDKs quote line numbers). */
export function integerOf(
  value: unknown,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,16}$/.test(value)
        ? Number(value)
        : Number.NaN;
  return Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

export function booleanOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * The items of an interface that SDKs send either as `{values: [...]}` or as a bare list
 * (sentry-go 0.11 sends `exception` as a bare list, @sentry/node 11 `breadcrumbs`).
 */
export function valuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value['values'])) return value['values'];
  return [];
}
