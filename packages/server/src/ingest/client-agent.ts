/**
 * The client's name and version as the request gives it, for events whose payload names no SDK
 * (raven-js and raven-go send none): `sentry_client` from X-Sentry-Auth or the query string, as
 * Relay reads it, else the User-Agent (sentry-ruby's `sentry-ruby/5.3.0`), as Sentry's store
 * endpoint did. Digest parses it (digest/normalize/sdk.ts); ingest only bounds it.
 */
import type { IncomingMessage } from 'node:http';

/** Relay caps an SDK's name and its version at 256 characters each. */
export const MAX_CLIENT_AGENT_CHARS = 512;

/**
 * A query string can carry any of them (`%00`): PostgreSQL refuses NUL in text, which would
 * fail the whole group commit, everyone's events with this one's.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

export function clientAgent(
  request: IncomingMessage,
  sentryClient: string | undefined,
): string | undefined {
  const agent = sentryClient ?? request.headers['user-agent'];
  if (agent === undefined) return undefined;
  const bounded =
    agent.length > MAX_CLIENT_AGENT_CHARS ? agent.slice(0, MAX_CLIENT_AGENT_CHARS) : agent;
  const text = bounded.replace(CONTROL_CHARACTERS, '');
  return text === '' ? undefined : text;
}
