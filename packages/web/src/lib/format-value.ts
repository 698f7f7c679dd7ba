/** Any value from event data as display text: strings as they are, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The entries of a record-like value (objects, or lists of [key, value] pairs), else none. */
export function entriesOf(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    return value.flatMap((pair): Array<[string, unknown]> =>
      Array.isArray(pair) && pair.length === 2 ? [[String(pair[0]), pair[1]]] : [],
    );
  }
  if (value !== null && typeof value === 'object') return Object.entries(value);
  return [];
}
