/** The session cookie: read from a request, written on login, cleared on logout. */
import type { IncomingMessage } from 'node:http';
import { SESSION_LIFETIME_SECONDS } from '../accounts/sessions.js';

export const SESSION_COOKIE = 'faultline_session';

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly: page scripts (an XSS) cannot read it. SameSite=Lax: other sites' requests carry it
 * only on top-level GET navigation. Secure whenever the server is reached over https.
 */
export function sessionCookie(secret: string, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${secret}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${SESSION_LIFETIME_SECONDS}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Behind a TLS-terminating proxy the request itself is plain http: trust the public URL too. */
export function isSecureRequest(request: IncomingMessage, publicUrl: string): boolean {
  return publicUrl.startsWith('https:') || request.headers['x-forwarded-proto'] === 'https';
}
