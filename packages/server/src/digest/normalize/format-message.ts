/**
 * Fills a log template with its parameters, for `logentry` sent with a template and params but no
 * `formatted` text. Covers the placeholder styles real SDKs send: printf/Python `%s`, `%d`,
 * `%(name)s` (sentry-python's logging integration, raven), and `{}` / `{0}` / `{name}` (slf4j in
 * sentry-java, .NET's `string.Format`, Serilog). A placeholder without a parameter is left as is.
 *
 * Bounded by the output, not the template's promise: `'{0}'.repeat(120000)` with a 4 kB
 * parameter would be 480 MB, so filling stops once the text is longer than the caller keeps, and
 * each parameter is rendered once however often it is used.
 */
import { isRecord } from './json-guards.js';
import { MAX_TEMPLATE_CHARS } from './limits.js';
import { jsonTextOf } from './trim.js';

/**
 * printf: `%` and an optional `(name)`, flags, width, precision, length and conversion. The flags
 * are matched atomically (a lookahead captures them, a backreference takes them whole): with a
 * plain `[-#0 +]*` before `\d+`, a `%` and a long run of zeros was split every way (quadratic).
 */
const PRINTF =
  /%%|%(?:\(([^)]{1,64})\))?(?=([-#0 +]*))\2(?:\d+|\*)?(?:\.\d+)?[hlL]?[diouxXeEfFgGcrsa]/g;
const BRACES = /\{(\d{1,3}|[A-Za-z_][\w.]{0,63})?(?::[^{}]*)?\}/g;

/**
 * The filled template; when it would be longer than `maxChars`, a prefix of it longer than
 * `maxChars` (the caller truncates). When nothing was filled in that prefix, the template itself,
 * so that the caller can tell that no parameter was used.
 */
export function formatMessage(
  template: string,
  params: readonly unknown[] | Readonly<Record<string, unknown>>,
  maxChars: number,
): string {
  const positional = Array.isArray(params) ? params : [];
  const named = isRecord(params) ? params : {};
  const rendered = new Map<object, string>();
  let next = 0;
  const substitute = (key: string | undefined, whole: string): string => {
    const value =
      key === undefined
        ? positional[next++]
        : /^\d+$/.test(key)
          ? positional[Number(key)]
          : Object.hasOwn(named, key)
            ? named[key]
            : undefined;
    if (value === undefined) return whole;
    if (typeof value !== 'object' || value === null) return textOf(value);
    let text = rendered.get(value);
    if (text === undefined) rendered.set(value, (text = textOf(value)));
    return text;
  };
  // Placeholders that fill in nothing (an empty parameter) do not move the output towards its
  // limit: the template's length is what bounds them.
  const text =
    template.length > MAX_TEMPLATE_CHARS ? template.slice(0, MAX_TEMPLATE_CHARS) : template;
  const usesPrintf = /%[-#0 +(\d.hlL]*[diouxXeEfFgGcrsa]/.test(text);
  const pattern = usesPrintf ? PRINTF : BRACES;
  const replace = usesPrintf
    ? (match: RegExpExecArray) => (match[0] === '%%' ? '%' : substitute(match[1], match[0]))
    : (match: RegExpExecArray) => substitute(match[1], match[0]);
  let result = '';
  let copiedUpTo = 0;
  let changed = false;
  for (const match of text.matchAll(pattern)) {
    const replacement = replace(match);
    changed ||= replacement !== match[0];
    result += text.slice(copiedUpTo, match.index) + replacement;
    copiedUpTo = match.index + match[0].length;
    if (result.length > maxChars) return changed ? result : template;
  }
  return changed ? result + text.slice(copiedUpTo) : template;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return jsonTextOf(value, 1024);
}
