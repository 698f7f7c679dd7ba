/**
 * Digest step 3: removes secrets and card numbers before anything is stored, per project.
 *
 * Where: the request (headers, cookies, body, query string, CGI env, URL), `extra`, contexts,
 * `user.data`, breadcrumb data and stack frame variables: the places where SDKs put data the app
 * handed them, which is where passwords and tokens end up. What:
 * - values under sensitive keys (sensitive-key.ts, plus the project's extra fields) and every
 *   cookie value become `[Filtered]`;
 * - card numbers (Luhn-checked), `Bearer`/`Basic` credentials and `user:password@` in URLs are
 *   replaced inside any string there (filter-text.ts).
 * Titles, messages and tags are left alone: they are what people search for and read, and SDKs
 * do not put request data in them.
 */
import type { RequestData, SentryEvent, StackFrame } from '@faultline/protocol';
import { isRecord, setOwn } from './normalize/json-guards.js';
import { FILTERED, filterHeaderValue, filterText } from './scrub/filter-text.js';
import { scrubDatabag, scrubRecord } from './scrub/scrub-databag.js';
import { sensitiveKeyMatcher } from './scrub/sensitive-key.js';
import type { KeyMatcher } from './scrub/sensitive-key.js';

export interface ScrubOptions {
  enabled: boolean;
  /** Project-specific key names to filter, matched like the built-in ones. */
  extraFields: readonly string[];
}

/** Scrubs `event` in place and returns it. */
export function scrubEvent(event: SentryEvent, options: ScrubOptions): SentryEvent {
  if (!options.enabled) return event;
  const isSensitiveKey = sensitiveKeyMatcher(options.extraFields);
  if (event.request !== undefined) scrubRequest(event.request, isSensitiveKey);
  if (event.extra !== undefined) event.extra = scrubRecord(event.extra, isSensitiveKey);
  if (event.contexts !== undefined) {
    const contexts: Record<string, Record<string, unknown>> = {};
    for (const [name, context] of Object.entries(event.contexts))
      setOwn(contexts, name, scrubRecord(context, isSensitiveKey));
    event.contexts = contexts;
  }
  if (event.user?.data !== undefined)
    event.user.data = scrubRecord(event.user.data, isSensitiveKey);
  for (const crumb of event.breadcrumbs?.values ?? [])
    if (crumb.data !== undefined) crumb.data = scrubRecord(crumb.data, isSensitiveKey);
  for (const exception of event.exception?.values ?? [])
    scrubFrames(exception.stacktrace?.frames, isSensitiveKey);
  for (const thread of event.threads?.values ?? [])
    scrubFrames(thread.stacktrace?.frames, isSensitiveKey);
  return event;
}

function scrubFrames(frames: StackFrame[] | undefined, isSensitiveKey: KeyMatcher): void {
  for (const frame of frames ?? [])
    if (frame.vars !== undefined) frame.vars = scrubRecord(frame.vars, isSensitiveKey);
}

function scrubRequest(request: RequestData, isSensitiveKey: KeyMatcher): void {
  if (request.url !== undefined) request.url = filterText(request.url);
  if (request.headers !== undefined) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      setOwn(headers, name, isSensitiveKey(name) ? FILTERED : filterHeaderValue(value));
    request.headers = headers;
  }
  // Cookies carry session ids whatever their names: every value goes.
  if (typeof request.cookies === 'string') request.cookies = FILTERED;
  else if (Array.isArray(request.cookies))
    request.cookies = request.cookies.map(([name]): [string, string] => [name, FILTERED]);
  else if (request.cookies !== undefined)
    request.cookies = Object.fromEntries(
      Object.keys(request.cookies).map((name) => [name, FILTERED]),
    );
  if (request.query_string !== undefined)
    request.query_string = scrubQueryString(request.query_string, isSensitiveKey);
  if (request.data !== undefined) request.data = scrubDatabag(request.data, isSensitiveKey);
  if (request.env !== undefined) {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.env))
      setOwn(env, name, isSensitiveKey(name) ? FILTERED : filterText(value));
    request.env = env;
  }
}

function scrubQueryString(
  query: NonNullable<RequestData['query_string']>,
  isSensitiveKey: KeyMatcher,
): NonNullable<RequestData['query_string']> {
  const scrubPair = ([key, value]: [string, string]): [string, string] => [
    key,
    isSensitiveKey(key) ? FILTERED : filterText(value),
  ];
  if (Array.isArray(query)) return query.map(scrubPair);
  if (typeof query === 'string')
    // The lookbehind starts a pair only after `&`, `?` or the start: without it, a long run
    // without `=` was rescanned from each of its characters (quadratic).
    return query.replace(/(?<![^&?])([^&=?]+)=([^&]*)/g, (_whole, key: string, value: string) =>
      isSensitiveKey(safeDecode(key)) ? `${key}=${FILTERED}` : `${key}=${filterText(value)}`,
    );
  if (!isRecord(query)) return query;
  const scrubbed: Record<string, string> = {};
  for (const [key, value] of Object.entries(query))
    setOwn(scrubbed, key, scrubPair([key, value])[1]);
  return scrubbed;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
