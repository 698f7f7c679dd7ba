/**
 * The HTTP request interface (`request`, raven's `sentry.interfaces.Http`). Its parts arrive in
 * several shapes and leave in one, so that scrubbing and the UI handle a single form:
 * - `headers`: object or list of pairs → object (a repeated header is joined with `, `);
 * - `cookies`: `a=1; b=2` string, object or pairs → pairs;
 * - `query_string`: string, object or pairs → pairs; a query left in `url` is moved out of it, as
 *   Relay does, so that its values are scrubbed like the others;
 * - `data`: a JSON or form-encoded string body is parsed (as Relay does), then trimmed to 8 kB.
 * Each collection keeps its first MAX_REQUEST_ENTRIES entries, read no further.
 */
import type { RequestData } from '@faultline/protocol';
import { compact } from './compact.js';
import { isRecord, lenientStringOf, setOwn, stringOf, truncate } from './json-guards.js';
import {
  MAX_DATABAG_DEPTH,
  MAX_HEADER_VALUE_CHARS,
  MAX_LABEL_CHARS,
  MAX_LOOKUP_CHARS,
  MAX_PATH_CHARS,
  MAX_REQUEST_DATA_BYTES,
  MAX_REQUEST_ENTRIES,
} from './limits.js';
import { entriesOf, parseCookieHeader, parseQueryString } from './pairs.js';
import { trimDatabag } from './trim.js';

const METHOD = /^[A-Z][A-Z0-9_-]{0,31}$/;
const FORM_ENCODED = /^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/;

export function normalizeRequest(value: unknown): RequestData | undefined {
  if (!isRecord(value)) return undefined;
  const { url, query } = splitUrl(value['url']);
  const body = bodyOf(value['data']);
  const request = compact({
    method: methodOf(value['method']),
    url,
    query_string: pairsOrUndefined(queryStringOf(value['query_string']) ?? query),
    data: body.data,
    cookies: pairsOrUndefined(cookiesOf(value['cookies'])),
    headers: headersOf(value['headers']),
    env: envOf(value['env']),
    inferred_content_type:
      stringOf(value['inferred_content_type'], MAX_LABEL_CHARS) ?? body.contentType,
  });
  return Object.keys(request).length === 0 ? undefined : request;
}

function methodOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LOOKUP_CHARS) return undefined;
  const method = value.trim().toUpperCase();
  return METHOD.test(method) ? method : undefined;
}

function splitUrl(value: unknown): { url?: string; query?: Array<[string, string]> } {
  if (typeof value !== 'string' || value === '') return {};
  const queryStart = value.indexOf('?');
  if (queryStart < 0) return { url: truncate(value, MAX_PATH_CHARS) };
  const fragmentStart = value.indexOf('#', queryStart);
  const query = value.slice(queryStart + 1, fragmentStart < 0 ? undefined : fragmentStart);
  const fragment = fragmentStart < 0 ? '' : value.slice(fragmentStart);
  return {
    url: truncate(value.slice(0, queryStart) + fragment, MAX_PATH_CHARS),
    query: parseQueryString(query, MAX_REQUEST_ENTRIES),
  };
}

function queryStringOf(value: unknown): Array<[string, string]> | undefined {
  if (typeof value === 'string')
    return value === '' ? undefined : parseQueryString(value, MAX_REQUEST_ENTRIES);
  if (!isRecord(value) && !Array.isArray(value)) return undefined;
  return textPairsOf(value);
}

function cookiesOf(value: unknown): Array<[string, string]> | undefined {
  if (typeof value === 'string') return parseCookieHeader(value, MAX_REQUEST_ENTRIES);
  if (!isRecord(value) && !Array.isArray(value)) return undefined;
  return textPairsOf(value);
}

/** Pairs with text values; `null` stands for a key without a value (`?flag`). */
function textPairsOf(value: unknown): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [key, raw] of entriesOf(value, MAX_REQUEST_ENTRIES)) {
    const text = raw === null || raw === '' ? '' : lenientStringOf(raw, MAX_HEADER_VALUE_CHARS);
    if (text !== undefined) pairs.push([truncate(key, MAX_LABEL_CHARS), text]);
  }
  return pairs;
}

function pairsOrUndefined(pairs: Array<[string, string]> | undefined) {
  return pairs === undefined || pairs.length === 0 ? undefined : pairs;
}

function headersOf(value: unknown): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const [rawName, raw] of entriesOf(value, MAX_REQUEST_ENTRIES)) {
    const name = truncate(rawName.trim(), MAX_LABEL_CHARS);
    const text = lenientStringOf(raw, MAX_HEADER_VALUE_CHARS);
    if (name === '' || text === undefined) continue;
    const previous = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (previous !== undefined && previous.length >= MAX_HEADER_VALUE_CHARS) continue;
    setOwn(
      headers,
      name,
      previous === undefined ? text : truncate(`${previous}, ${text}`, MAX_HEADER_VALUE_CHARS),
    );
  }
  return Object.keys(headers).length === 0 ? undefined : headers;
}

/** CGI-style variables; sentry-java sends numbers, booleans and nulls among them. */
function envOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const env: Record<string, string> = {};
  for (const [name, raw] of entriesOf(value, MAX_REQUEST_ENTRIES)) {
    const text = lenientStringOf(raw, MAX_HEADER_VALUE_CHARS);
    if (text !== undefined) setOwn(env, truncate(name, MAX_LABEL_CHARS), text);
  }
  return Object.keys(env).length === 0 ? undefined : env;
}

function bodyOf(value: unknown): { data?: unknown; contentType?: string } {
  const trim = (data: unknown) =>
    trimDatabag(data, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_REQUEST_DATA_BYTES });
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'string') return { data: trim(value) };
  const text = value.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return { data: trim(JSON.parse(text)), contentType: 'application/json' };
    } catch {
      // not JSON after all: kept as text below
    }
  }
  if (FORM_ENCODED.test(text)) {
    const form: Record<string, string> = {};
    for (const [key, field] of parseQueryString(text, MAX_REQUEST_ENTRIES))
      setOwn(form, key, field);
    return { data: trim(form), contentType: 'application/x-www-form-urlencoded' };
  }
  return { data: trim(value) };
}
