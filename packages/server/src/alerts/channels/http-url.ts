/** The one check every link and receiver URL passes: absolute, and http or https. */

/** The URL when it is absolute http(s); undefined for anything else (`javascript:`, `data:`, junk). */
export function httpUrl(raw: string): URL | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
