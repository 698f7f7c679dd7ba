/**
 * Key/value collections that SDKs send in several shapes: an object, a list of `[key, value]`
 * pairs (raven, sentry-python 1.x, the CSP samples), or a list of `key:value` strings.
 */
import { isRecord } from './json-guards.js';

/** The entries of an object, a list of pairs, or a list of `key<separator>value` strings. */
export function entriesOf(value: unknown, separator?: string): Array<[string, unknown]> {
  if (isRecord(value)) return Object.entries(value);
  if (!Array.isArray(value)) return [];
  const entries: Array<[string, unknown]> = [];
  for (const item of value) {
    if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string')
      entries.push([item[0], item[1]]);
    else if (separator !== undefined && typeof item === 'string') {
      const at = item.indexOf(separator);
      if (at > 0) entries.push([item.slice(0, at), item.slice(at + separator.length)]);
    }
  }
  return entries;
}

/** `a=1&b=x+y` → `[['a', '1'], ['b', 'x y']]`; a malformed escape keeps its raw text. */
export function parseQueryString(text: string): Array<[string, string]> {
  const query = text.startsWith('?') ? text.slice(1) : text;
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    pairs.push([decodeFormComponent(key), decodeFormComponent(value)]);
  }
  return pairs;
}

/** `sid=abc; theme=dark` → `[['sid', 'abc'], ['theme', 'dark']]`. */
export function parseCookieHeader(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim();
    if (key === '') continue;
    pairs.push([key, at < 0 ? '' : part.slice(at + 1).trim()]);
  }
  return pairs;
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
