/**
 * Tags: an object of strings in modern SDKs; a list of `[key, value]` pairs in raven, sentry-java
 * 1.x, sentry-python 1.x and .NET; `key:value` strings in a few. Values are coerced to strings,
 * because SDKs send numbers and booleans (`"handled": false`) and Sentry shows them as text.
 */
import { lenientStringOf, setOwn, truncate } from './json-guards.js';
import { MAX_TAG_ENTRIES, MAX_TAG_KEY_CHARS, MAX_TAG_VALUE_CHARS, MAX_TAGS } from './limits.js';
import { entriesOf } from './pairs.js';

export function normalizeTags(value: unknown): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  let count = 0;
  for (const [rawKey, rawValue] of entriesOf(value, MAX_TAG_ENTRIES, ':')) {
    const key = truncate(oneLine(rawKey), MAX_TAG_KEY_CHARS);
    const text = lenientStringOf(rawValue, Number.MAX_SAFE_INTEGER);
    if (key === '' || text === undefined) continue;
    const tagValue = truncate(oneLine(text), MAX_TAG_VALUE_CHARS);
    if (tagValue === '') continue;
    if (!Object.hasOwn(tags, key)) {
      if (count === MAX_TAGS) continue;
      count++;
    }
    setOwn(tags, key, tagValue); // a repeated key: the last pair wins, as in an object literal
  }
  return count === 0 ? undefined : tags;
}

/** Tag values are single-line labels in every UI that lists them. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
