/**
 * Interface names. Raven-era SDKs (raven-js, raven-python, raven-java, sentry-cocoa 2.x, the
 * Elixir/PHP/Ruby samples) send interfaces under their Python class paths,
 * `sentry.interfaces.Exception` and so on; a few spell them in lower case. Modern names win when
 * an event carries both.
 */
const INTERFACE_ALIASES = {
  exception: ['exception', 'sentry.interfaces.Exception', 'sentry.interfaces.SingleException'],
  stacktrace: ['stacktrace', 'sentry.interfaces.Stacktrace'],
  logentry: ['logentry', 'sentry.interfaces.Message', 'sentry.interfaces.LogEntry'],
  request: ['request', 'sentry.interfaces.Http'],
  user: ['user', 'sentry.interfaces.User'],
  breadcrumbs: ['breadcrumbs', 'sentry.interfaces.Breadcrumbs'],
  contexts: ['contexts', 'sentry.interfaces.Contexts'],
  threads: ['threads', 'sentry.interfaces.Threads'],
  debug_meta: ['debug_meta', 'sentry.interfaces.DebugMeta'],
  template: ['template', 'sentry.interfaces.Template'],
  query: ['query', 'sentry.interfaces.Query'],
  csp: ['csp', 'sentry.interfaces.Csp'],
  hpkp: ['hpkp', 'sentry.interfaces.Hpkp'],
  expectct: ['expectct', 'sentry.interfaces.ExpectCT'],
  expectstaple: ['expectstaple', 'sentry.interfaces.ExpectStaple'],
} as const satisfies Record<string, readonly string[]>;

export type InterfaceName = keyof typeof INTERFACE_ALIASES;

/** Interfaces kept as sent, after a type check and trimming: the UI renders them as they come. */
export const OPAQUE_INTERFACES = [
  'debug_meta',
  'query',
  'csp',
  'hpkp',
  'expectct',
  'expectstaple',
] as const satisfies readonly InterfaceName[];

/** Reads an interface from a raw event under any of its names, in priority order. */
export type InterfaceReader = (name: InterfaceName) => unknown[];

export function interfaceReader(raw: Record<string, unknown>): InterfaceReader {
  const lowerCased = new Map<string, unknown>();
  for (const [key, value] of Object.entries(raw))
    if (/^sentry\./i.test(key)) lowerCased.set(key.toLowerCase(), value);
  return (name) => {
    const found: unknown[] = [];
    for (const alias of INTERFACE_ALIASES[name]) {
      const value = Object.hasOwn(raw, alias) ? raw[alias] : lowerCased.get(alias.toLowerCase());
      if (value !== undefined && value !== null) found.push(value);
    }
    return found;
  };
}
