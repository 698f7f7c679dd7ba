/**
 * The filter controls edit the search text itself, so the query box stays the one truth and
 * a URL says everything: `setTerm('is:unresolved "boom"', 'level', 'error')` gives
 * `is:unresolved "boom" level:error`. Quoted phrases are kept whole.
 */
/** A token: a bare word, or one with a quoted part (`"a phrase"`, `key:"a b"`), kept whole. */
const TERM = /[^\s"]*"(?:[^"\\]|\\.)*"\S*|\S+/g;

/** The value of `key:value` in the query (the first one), if any. */
export function termOf(query: string, key: string): string | undefined {
  for (const token of query.match(TERM) ?? []) {
    if (token.startsWith(`${key}:`)) return unquote(token.slice(key.length + 1));
  }
  return undefined;
}

/** The query with every `key:` term replaced by `key:value`, or removed when value is empty. */
export function setTerm(query: string, key: string, value: string | undefined): string {
  const kept = (query.match(TERM) ?? []).filter((token) => !token.startsWith(`${key}:`));
  if (value !== undefined && value !== '') kept.push(`${key}:${quoteIfNeeded(value)}`);
  return kept.join(' ');
}

function quoteIfNeeded(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2
    ? value.slice(1, -1).replace(/\\(.)/g, '$1')
    : value;
}
