/** The URLs a server is reached at, as printed and served to people and SDKs. */

/** `http://<key>@host[:port][/path]/<project>`: what an SDK's init() takes. */
export function dsnFor(baseUrl: string, publicKey: string, projectId: number): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/$/, '');
  return `${url.protocol}//${publicKey}@${url.host}${path}/${projectId}`;
}

/** The base URL for a listening address; IPv6 hosts go in brackets. */
export function baseUrlFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
