/**
 * Puts the address an event's request came from (the queue's `clientIp`, taken by ingest from
 * the connection) where the event asks for it, as Relay does (relay-event-normalization's
 * `normalize_ip_addresses`), by the SDK's `sdk.settings.infer_ip`:
 *
 * - `never` (@sentry/browser 10 without sendDefaultPii): nothing is inferred; a `{{auto}}` is
 *   dropped like any value that is not an address.
 * - `auto` (the same with sendDefaultPii): a missing or `{{auto}}` `user.ip_address` becomes it.
 * - absent or `legacy` (every older SDK): `{{auto}}` becomes it (what SDKs send when told to
 *   send personal data: sentry-java, React Native, raven-js's `{{auto}}` in REMOTE_ADDR);
 *   `request.env.REMOTE_ADDR`, the address a server SDK saw its own client at, fills a missing
 *   one; and `javascript`, `cocoa` and `objc` events without one get it too, since their SDKs
 *   predate `{{auto}}` and Sentry always stored the browser's address for them.
 *
 * An `infer_ip` this server does not know means `never`, as in Relay: a newer SDK's wish not to
 * be located must not fall back to the legacy default.
 *
 * There is no per-project "don't store IP addresses" setting: an address an SDK was told to
 * send (`{{auto}}` only comes with sendDefaultPii or its like) is kept like one it sent itself,
 * and the project's data scrubbing, which never removed those, leaves both alone.
 */
import { isIP } from 'node:net';
import type { SentryEvent } from '@faultline/protocol';
import { isRecord } from './json-guards.js';

const AUTO = '{{auto}}';

/** Relay: "In an ideal world all SDKs would set {{auto}} explicitly." */
const BACKFILLED_PLATFORMS = new Set(['javascript', 'cocoa', 'objc']);

type InferIp = 'auto' | 'never' | 'legacy';

export interface SentAddress {
  /** The payload's `user.ip_address`, before normalizing dropped a `{{auto}}`. */
  ipAddress: unknown;
  /** The payload's `sdk`, for `settings.infer_ip`. */
  sdk: unknown;
}

/** Fills `event.user.ip_address` (and a `{{auto}}` REMOTE_ADDR) in place. */
export function inferIpAddress(
  event: SentryEvent,
  sent: SentAddress,
  clientIp: string | undefined,
): void {
  const setting = inferIpSetting(sent.sdk);
  if (setting === 'never') return;
  const env = event.request?.env;
  if (env !== undefined && clientIp !== undefined && env['REMOTE_ADDR'] === AUTO)
    env['REMOTE_ADDR'] = clientIp;
  const remoteAddr = env === undefined ? undefined : addressOf(env['REMOTE_ADDR']);
  const present = event.user?.ip_address;
  const asked = sent.ipAddress === AUTO || (present === undefined && setting === 'auto');
  const inferred = remoteAddr ?? clientIp;
  if (asked && inferred !== undefined) setIpAddress(event, inferred);
  else if (setting === 'legacy' && present === undefined) {
    if (remoteAddr !== undefined) setIpAddress(event, remoteAddr);
    else if (clientIp !== undefined && BACKFILLED_PLATFORMS.has(event.platform))
      setIpAddress(event, clientIp);
  }
}

function inferIpSetting(sdk: unknown): InferIp {
  const settings = isRecord(sdk) ? sdk['settings'] : undefined;
  const value = isRecord(settings) ? settings['infer_ip'] : undefined;
  if (value === undefined || value === null) return 'legacy';
  return value === 'auto' || value === 'legacy' ? value : 'never';
}

function addressOf(value: string | undefined): string | undefined {
  return value !== undefined && isIP(value) !== 0 ? value : undefined;
}

function setIpAddress(event: SentryEvent, address: string): void {
  event.user = { ...event.user, ip_address: address };
}
