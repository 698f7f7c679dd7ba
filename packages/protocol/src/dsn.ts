/**
 * DSNs: `{protocol}://{public_key}[:{secret}]@{host}[:{port}]{/path}/{project_id}`. The secret is
 * deprecated; it is accepted and kept, never required.
 */
export interface Dsn {
  protocol: 'http' | 'https';
  publicKey: string;
  secretKey?: string;
  host: string;
  port?: number;
  /** The path before the project id: '' or like '/sentry', without a trailing slash. */
  path: string;
  projectId: string;
}

export class DsnError extends Error {
  override readonly name = 'DsnError';
}

export function dsnFromString(value: string): Dsn {
  const fail = (reason: string): never => {
    throw new DsnError(`invalid DSN "${value.slice(0, 200)}": ${reason}`);
  };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail('not a URL');
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https')
    return fail(`scheme must be http or https, not ${protocol}`);
  if (url.username === '') return fail('missing public key (the part before @)');
  if (url.hostname === '') return fail('missing host');
  const segments = url.pathname.split('/');
  const projectId = segments.pop() ?? '';
  if (projectId === '') return fail('missing project id (the last path segment)');
  if (!/^\d+$/.test(projectId)) return fail(`project id "${projectId}" is not a number`);
  const dsn: Dsn = {
    protocol,
    publicKey: decodeURIComponent(url.username),
    host: url.hostname,
    path: segments.join('/').replace(/\/+$/, ''),
    projectId,
  };
  if (url.password !== '') dsn.secretKey = decodeURIComponent(url.password);
  if (url.port !== '') dsn.port = Number(url.port);
  return dsn;
}

function origin(dsn: Dsn): string {
  return `${dsn.protocol}://${dsn.host}${dsn.port === undefined ? '' : `:${dsn.port}`}`;
}

export function dsnToString(dsn: Dsn, options: { withSecret?: boolean } = {}): string {
  const secret = options.withSecret && dsn.secretKey !== undefined ? `:${dsn.secretKey}` : '';
  const port = dsn.port === undefined ? '' : `:${dsn.port}`;
  return `${dsn.protocol}://${dsn.publicKey}${secret}@${dsn.host}${port}${dsn.path}/${dsn.projectId}`;
}

export function envelopeEndpoint(dsn: Dsn): string {
  return `${origin(dsn)}${dsn.path}/api/${dsn.projectId}/envelope/`;
}

export function storeEndpoint(dsn: Dsn): string {
  return `${origin(dsn)}${dsn.path}/api/${dsn.projectId}/store/`;
}
