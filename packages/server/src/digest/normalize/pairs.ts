/**
 * Key/value collections that SDKs send in several shapes: an object, a list of `[key, value]`
 * pairs (raven, sentry-python 1.x, the CSP samples), or a list of `key:value` strings.
 *
 * Every reader here stops at `maxEntries`: what follows is dropped before any further work
 * (scrubbing a megabyte of header values took seconds), and the text forms are cut as they are
 * read, not split whole first.
 */
import { isRecord } from './json-guards.js';

/** The entries of an object, a list of pairs, or a list of `key<separator>value` strings. */
export function entriesOf(
  value: unknown,
  maxEntries: number,
  separator?: string,
): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      if (entries.length === maxEntries) break;
      entries.push([key, value[key]]);
    }
    return entries;
  }
  if (!Array.isArray(value)) return entries;
  for (const item of value) {
    if (entries.length === maxEntries) break;
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
export function parseQueryString(text: string, maxEntries: number): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of partsOf(text.startsWith('?') ? text.slice(1) : text, '&', maxEntries)) {
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    pairs.push([decodeFormComponent(key), decodeFormComponent(value)]);
  }
  return pairs;
}

/** `sid=abc; theme=dark` → `[['sid', 'abc'], ['theme', 'dark']]`. */
export function parseCookieHeader(text: string, maxEntries: number): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of partsOf(text, ';', maxEntries)) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim();
    if (key === '') continue;
    pairs.push([key, at < 0 ? '' : part.slice(at + 1).trim()]);
  }
  return pairs;
}

/**
 * The parts of `text` between separators, the empty ones skipped, until `maxEntries` non-empty
 * parts are read (a part that turns out to be blank, like a cookie of spaces, still counts).
 */
function* partsOf(text: string, separator: string, maxEntries: number): Generator<string> {
  let count = 0;
  let start = 0;
  while (start <= text.length && count < maxEntries) {
    const end = text.indexOf(separator, start);
    const part = text.slice(start, end < 0 ? text.length : end);
    if (part !== '') {
      count++;
      yield part;
    }
    if (end < 0) break;
    start = end + separator.length;
  }
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
