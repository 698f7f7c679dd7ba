/**
 * The `sdk` interface: kept when it names the SDK and its version, with its lists type-checked.
 * An event without one (raven-js, raven-go) gets it from the client string of its request.
 */
import type { SdkInfo } from '@faultline/protocol';
import { compact } from './compact.js';
import { isRecord, stringOf } from './json-guards.js';
import { MAX_LABEL_CHARS } from './limits.js';

const MAX_LIST = 200;

export function normalizeSdk(value: unknown): SdkInfo | undefined {
  if (!isRecord(value)) return undefined;
  const name = stringOf(value['name'], MAX_LABEL_CHARS);
  const version = stringOf(value['version'], MAX_LABEL_CHARS);
  if (name === undefined || version === undefined) return undefined;
  return compact({
    name,
    version,
    integrations: integrationsOf(value['integrations']),
    packages: packagesOf(value['packages']),
  });
}

function integrationsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.slice(0, MAX_LIST).flatMap((item) => stringOf(item, MAX_LABEL_CHARS) ?? []);
  return names.length === 0 ? undefined : names;
}

function packagesOf(value: unknown): Array<{ name: string; version: string }> | undefined {
  if (!Array.isArray(value)) return undefined;
  const packages: Array<{ name: string; version: string }> = [];
  for (const item of value.slice(0, MAX_LIST)) {
    if (!isRecord(item)) continue;
    const name = stringOf(item['name'], MAX_LABEL_CHARS);
    const version = stringOf(item['version'], MAX_LABEL_CHARS);
    if (name !== undefined && version !== undefined) packages.push({ name, version });
  }
  return packages.length === 0 ? undefined : packages;
}

/**
 * A client string that is nothing but `name/version`. Relay splits `sentry_client` at its first
 * `/`; the string here may also be a User-Agent (ingest/client-agent.ts), and a browser's
 * `Mozilla/5.0 (X11; …)` must name no SDK, so the whole string has to be that shape.
 */
const NAME_SLASH_VERSION = /^([A-Za-z][\w.-]*)\/([\w.+-]+)$/;

/** `raven-go/0.2` → `{ name: 'raven-go', version: '0.2' }`; anything else names no SDK. */
export function sdkFromClientAgent(agent: string | undefined): SdkInfo | undefined {
  const match = agent === undefined ? null : NAME_SLASH_VERSION.exec(agent.trim());
  if (match === null) return undefined;
  const name = stringOf(match[1], MAX_LABEL_CHARS);
  const version = stringOf(match[2], MAX_LABEL_CHARS);
  return name === undefined || version === undefined ? undefined : { name, version };
}
