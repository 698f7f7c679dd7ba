/**
 * DSNs: `{protocol}://{public_key}[:{secret}]@{host}[:{port}]{/path}/{project_id}`.
 *
 * Parsed by hand rather than with `URL` so that every rejection can say exactly what is wrong, and
 * so nothing is silently normalized (WHATWG URL drops default ports, percent-encodes the key and
 * rewrites hosts). The server runs this on the envelope header's `dsn`, which is untrusted input.
 */
export interface Dsn {
  protocol: 'http' | 'https';
  publicKey: string;
  /** Deprecated by Sentry; accepted and kept, never required. */
  secretKey?: string;
  /** As written; an IPv6 address keeps its brackets (`[::1]`), as in URLs and `Host` headers. */
  host: string;
  port?: number;
  /** The path before the project id: '' or like '/sentry', without a trailing slash. */
  path: string;
  /** Digits only: Sentry project ids are numbers. */
  projectId: string;
}

export class DsnError extends Error {
  override readonly name = 'DsnError';
}

const IPV6_HOST = /^\[[0-9A-Fa-f:.]+\]$/;
// RFC 3986 reg-name and IPv4 characters, without the percent sign.
const NAMED_HOST = /^[A-Za-z0-9\-._~!$&'()*+,;=]+$/;
const DIGITS = /^\d+$/;

export function dsnFromString(value: string): Dsn {
  const text = value.trim();
  const fail: (reason: string) => never = (reason) => {
    throw new DsnError(`invalid DSN ${quote(text, 120)}: ${reason}`);
  };
  if (text === '') fail('empty');
  if (/\s/.test(text)) fail('contains whitespace');

  const schemeEnd = text.indexOf('://');
  if (schemeEnd < 0) fail('not a URL (expected scheme://key@host/project)');
  const scheme = text.slice(0, schemeEnd).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    fail(`scheme must be http or https, not ${quote(scheme)}`);
  }

  // Raven-era DSNs carried options in the query string (`?timeout=5`); they mean nothing here.
  let rest = text.slice(schemeEnd + 3);
  const queryStart = rest.search(/[?#]/);
  if (queryStart >= 0) rest = rest.slice(0, queryStart);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const pathname = slash < 0 ? '' : rest.slice(slash);

  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const publicKey = colon < 0 ? userinfo : userinfo.slice(0, colon);
  // Relay writes DSNs with an empty secret (`key:@host`): that is no secret, not an error.
  const secretKey = colon < 0 ? '' : userinfo.slice(colon + 1);
  if (publicKey === '') fail('missing public key (the part before @)');

  const { host, port } = splitHostPort(authority.slice(at + 1), fail);

  // The Rust SDK accepts a trailing slash after the project id, so accept it too.
  const trimmed = pathname.replace(/\/+$/, '');
  const lastSlash = trimmed.lastIndexOf('/');
  const projectId = trimmed.slice(lastSlash + 1);
  if (projectId === '') fail('missing project id (the last path segment)');
  if (!DIGITS.test(projectId)) fail(`project id ${quote(projectId)} is not a number`);

  const dsn: Dsn = {
    protocol: scheme,
    publicKey,
    host,
    path: trimmed.slice(0, lastSlash),
    projectId,
  };
  if (secretKey !== '') dsn.secretKey = secretKey;
  if (port !== undefined) dsn.port = port;
  return dsn;
}

/** Quoted and cut short: the DSN may be attacker input, and the message goes into logs. */
function quote(part: string, max = 64): string {
  return `"${part.length > max ? `${part.slice(0, max)}…` : part}"`;
}

function splitHostPort(
  hostPort: string,
  fail: (reason: string) => never,
): { host: string; port: number | undefined } {
  let host = hostPort;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) fail('IPv6 host is missing its closing "]"');
    host = hostPort.slice(0, close + 1);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':'))
      fail(`unexpected ${quote(after)} after the IPv6 host`);
    if (after !== '') portText = after.slice(1);
    if (!IPV6_HOST.test(host)) fail(`host ${quote(host)} is not an IPv6 address`);
  } else {
    const colon = hostPort.lastIndexOf(':');
    if (colon >= 0) {
      host = hostPort.slice(0, colon);
      portText = hostPort.slice(colon + 1);
    }
    if (host === '') fail('missing host');
    if (!NAMED_HOST.test(host)) fail(`host ${quote(host)} contains characters a host name cannot`);
  }
  if (portText === undefined) return { host, port: undefined };
  const port = Number(portText);
  if (!DIGITS.test(portText) || port < 1 || port > 65535) {
    fail(`port ${quote(portText)} is not a number from 1 to 65535`);
  }
  return { host, port };
}

/** The secret is left out unless asked for: SDKs no longer need it, and logs should not show it. */
export function dsnToString(dsn: Dsn, options: { withSecret?: boolean } = {}): string {
  const secret = options.withSecret === true && dsn.secretKey ? `:${dsn.secretKey}` : '';
  return `${dsn.protocol}://${dsn.publicKey}${secret}@${hostWithPort(dsn)}${dsn.path}/${dsn.projectId}`;
}

export function envelopeEndpoint(dsn: Dsn): string {
  return `${dsn.protocol}://${hostWithPort(dsn)}${dsn.path}/api/${dsn.projectId}/envelope/`;
}

/** The legacy endpoint for one JSON event; sentry-python 1.x and sentry-go 0.11 still post here. */
export function storeEndpoint(dsn: Dsn): string {
  return `${dsn.protocol}://${hostWithPort(dsn)}${dsn.path}/api/${dsn.projectId}/store/`;
}

function hostWithPort(dsn: Dsn): string {
  return dsn.port === undefined ? dsn.host : `${dsn.host}:${dsn.port}`;
}
