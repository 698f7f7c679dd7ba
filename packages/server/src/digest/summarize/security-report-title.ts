/**
 * Titles for browser security reports without a message (CSP, HPKP, Expect-CT, Expect-Staple),
 * worded as Sentry words them, so that the issue list reads the same.
 */
import { isRecord } from '../normalize/json-guards.js';

/**
 * What a blocked resource is, by the directive that blocked it. A Map: the directive comes from
 * the report, and `constructor` must not find Object.prototype's.
 */
const CSP_KINDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'child-src': 'child',
    'connect-src': 'connection',
    'font-src': 'font',
    'form-action': 'form action',
    'frame-src': 'frame',
    'img-src': 'image',
    'manifest-src': 'manifest',
    'media-src': 'media',
    'object-src': 'object',
    'script-src': 'script',
    'script-src-elem': 'script',
    'script-src-attr': 'script',
    'style-src': 'style',
    'style-src-elem': 'style',
    'style-src-attr': 'style',
    'worker-src': 'worker',
  }),
);

export function securityReportTitle(event: Record<string, unknown>): string | undefined {
  const csp = event['csp'];
  if (isRecord(csp)) return cspTitle(csp);
  for (const [key, label] of [
    ['hpkp', 'Public key pinning validation failed'],
    ['expectct', 'Expect-CT failed'],
    ['expectstaple', 'Expect-Staple failed'],
  ] as const) {
    const report = event[key];
    if (isRecord(report))
      return typeof report['hostname'] === 'string'
        ? `${label} for '${report['hostname']}'`
        : label;
  }
  return undefined;
}

function cspTitle(csp: Record<string, unknown>): string {
  const directive =
    textOf(csp['effective_directive']) ?? firstWord(textOf(csp['violated_directive']));
  const kind = directive === undefined ? undefined : (CSP_KINDS.get(directive) ?? directive);
  const blocked = textOf(csp['blocked_uri']);
  if (blocked === 'inline' || blocked === 'eval')
    return `Blocked unsafe ${blocked === 'eval' ? 'eval()' : 'inline'} '${kind ?? 'script'}'`;
  const source = blocked === undefined ? undefined : hostOf(blocked);
  if (kind === undefined) return source === undefined ? 'Blocked by CSP' : `Blocked '${source}'`;
  return source === undefined ? `Blocked '${kind}'` : `Blocked '${kind}' from '${source}'`;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function firstWord(text: string | undefined): string | undefined {
  return text?.trim().split(/\s+/)[0];
}

/** Browsers report the full URL; the host is what a person recognises (and what varies less). */
function hostOf(uri: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(uri);
  return match?.[1] ?? uri;
}
