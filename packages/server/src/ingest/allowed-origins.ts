/**
 * A project's allowed origins ("Allowed Domains" in Sentry): which web pages a browser SDK may
 * send events from. It keeps a DSN copied into someone else's site from filling the project; it
 * is no security boundary, since anything but a browser can send whatever Origin it likes.
 *
 * Entries follow Sentry's matcher (src/sentry/utils/http.py `is_valid_origin`):
 *
 *   (empty list) or `*`      any origin
 *   `https://example.com`    that scheme and host, any port
 *   `example.com`            that host, any scheme and port
 *   `*.example.com`          example.com and its subdomains
 *   `http://localhost:3000`  a port, when one is written, must match too
 *
 * Paths are not matched: an origin has none, and the Referer is reduced to its origin.
 */
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Where a browser says the request comes from: the Origin header, else the Referer's origin.
 * `undefined` when neither was sent: server-side SDKs send neither, and are always allowed.
 */
export function requestOrigin(
  headers: Pick<IncomingHttpHeaders, 'origin' | 'referer'>,
): string | undefined {
  const { origin, referer } = headers;
  // Kept as sent, "null" included: an opaque origin (sandboxed iframe, file://) is a browser
  // page that would not say where it is, which only an allow-all list lets through.
  if (origin !== undefined && origin !== '') return origin;
  if (referer === undefined || referer === '') return undefined;
  try {
    return originOf(new URL(referer));
  } catch {
    return referer; // a browser sent it, so it is checked: unparseable matches no entry
  }
}

/** `[scheme://]host[:port]`, the host `*`, `*.domain`, a name or a bracketed IPv6 address. */
const ENTRY_SHAPE =
  /^(?:(?:\*|[a-z][a-z0-9+.-]*):\/\/)?(?:\*|(?:\*\.)?[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?\/?$/i;

/** Whether `text` is an entry this matcher understands (what the API accepts in settings). */
export function isAllowedOriginEntry(text: string): boolean {
  return text === '*' || ENTRY_SHAPE.test(text);
}

export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0 || allowed.includes('*')) return true;
  const sender = parseOrigin(origin);
  if (sender === undefined) return false;
  return allowed.some((entry) => entryMatches(parseEntry(entry), sender));
}

interface Sender {
  scheme: string;
  host: string;
  /** Explicit or the scheme's default, so `:443` in an entry matches `https://host`. */
  port: string;
}

interface Entry {
  /** `undefined`: any scheme. */
  scheme: string | undefined;
  /** `*`: any host. */
  host: string;
  /** `*.example.com`: the host and its subdomains. */
  subdomains: boolean;
  /** `undefined`: any port. */
  port: string | undefined;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function parseOrigin(origin: string): Sender | undefined {
  if (origin === 'null') return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  if (url.host === '') return undefined;
  return {
    scheme: url.protocol.slice(0, -1),
    host: url.hostname,
    port: url.port || (DEFAULT_PORTS[url.protocol] ?? ''),
  };
}

function parseEntry(text: string): Entry {
  let rest = text.trim().toLowerCase().replace(/\/+$/, '');
  let scheme: string | undefined;
  const separator = rest.indexOf('://');
  if (separator >= 0) {
    const written = rest.slice(0, separator);
    scheme = written === '*' ? undefined : written;
    rest = rest.slice(separator + 3);
  }
  // `[::1]:3000`: the port is the digits after the last colon outside the brackets.
  const withPort = /^(.*?)(?::(\d+))?$/.exec(rest)!;
  const host = withPort[1]!;
  const port = withPort[2];
  const subdomains = host.startsWith('*.');
  return { scheme, host: subdomains ? host.slice(2) : host, subdomains, port };
}

function entryMatches(entry: Entry, sender: Sender): boolean {
  if (entry.scheme !== undefined && entry.scheme !== sender.scheme) return false;
  if (entry.port !== undefined && entry.port !== sender.port) return false;
  if (entry.host === '*') return true;
  if (entry.subdomains) return sender.host === entry.host || sender.host.endsWith(`.${entry.host}`);
  return sender.host === entry.host;
}
