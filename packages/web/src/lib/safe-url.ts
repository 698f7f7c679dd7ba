/**
 * A URL from event data as a link target, only when it is plain http(s): `javascript:`,
 * `data:` and the like come back undefined and are shown as text. Event data is written by
 * whoever holds the (public) DSN.
 */
export function safeHttpUrl(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
