/**
 * Who sent a /store/ event, for the clients whose events do not say: raven-js sends no `sdk` but
 * `sentry_client=raven-js/3.27.2` in the query string, and raven-go 0.2 sends neither `sdk` nor
 * `sentry_client`, only `User-Agent: raven-go/1.0`. Relay fills a missing `sdk` from
 * `sentry_client` the same way. A User-Agent counts only when it is nothing but `name/version`,
 * so a browser's `Mozilla/5.0 (…)` names no SDK. Digest uses it only when the event has no `sdk`.
 */
import type { IncomingMessage } from 'node:http';
import { authFromQuery, parseAuthHeader } from '@faultline/protocol';

export interface ClientIdentity {
  name: string;
  version: string;
}

const NAME_SLASH_VERSION = /^([A-Za-z][\w.-]{0,99})\/([\w.+-]{1,100})$/;

export function clientIdentityOf(
  request: IncomingMessage,
  query: URLSearchParams,
): ClientIdentity | undefined {
  const header = request.headers['x-sentry-auth'];
  const fromAuth =
    (typeof header === 'string' ? parseAuthHeader(header)?.sentryClient : undefined) ??
    authFromQuery(query).sentryClient;
  return identityOf(fromAuth) ?? identityOf(request.headers['user-agent']);
}

function identityOf(text: string | undefined): ClientIdentity | undefined {
  const match = text === undefined ? null : NAME_SLASH_VERSION.exec(text.trim());
  return match === null ? undefined : { name: match[1]!, version: match[2]! };
}
