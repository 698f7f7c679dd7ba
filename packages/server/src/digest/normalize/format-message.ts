/**
 * Fills a log template with its parameters, for `logentry` sent with a template and params but no
 * `formatted` text. Covers the placeholder styles real SDKs send: printf/Python `%s`, `%d`,
 * `%(name)s` (sentry-python's logging integration, raven), and `{}` / `{0}` / `{name}` (slf4j in
 * sentry-java, .NET's `string.Format`, Serilog). A placeholder without a parameter is left as is.
 */
import { isRecord } from './json-guards.js';
import { jsonTextOf } from './trim.js';

const PRINTF = /%%|%(?:\(([^)]{1,64})\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[hlL]?[diouxXeEfFgGcrsa]/g;
const BRACES = /\{(\d{1,3}|[A-Za-z_][\w.]{0,63})?(?::[^{}]*)?\}/g;

export function formatMessage(
  template: string,
  params: readonly unknown[] | Readonly<Record<string, unknown>>,
): string {
  const positional = Array.isArray(params) ? params : [];
  const named = isRecord(params) ? params : {};
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
    return value === undefined ? whole : textOf(value);
  };
  const usesPrintf = /%[-#0 +(\d.hlL]*[diouxXeEfFgGcrsa]/.test(template);
  if (usesPrintf)
    return template.replace(PRINTF, (whole, name: string | undefined) =>
      whole === '%%' ? '%' : substitute(name, whole),
    );
  return template.replace(BRACES, (whole, key: string | undefined) => substitute(key, whole));
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return jsonTextOf(value, 1024);
}
