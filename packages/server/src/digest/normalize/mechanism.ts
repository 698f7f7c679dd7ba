/**
 * How an exception was captured. `exception_id`, `parent_id`, `source` and `is_exception_group`
 * describe chains and `AggregateError` / `ExceptionGroup` trees (@sentry/node 11, sentry-python
 * 2.x) and are kept exactly; the UI rebuilds the tree from them.
 */
import type { Mechanism } from '@faultline/protocol';
import { compact } from './compact.js';
import { booleanOf, integerOf, isRecord, stringOf } from './json-guards.js';
import {
  MAX_DATABAG_DEPTH,
  MAX_LABEL_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_PATH_CHARS,
  MAX_SMALL_BAG_BYTES,
} from './limits.js';
import { trimRecord } from './trim.js';

/**
 * Native crash details that old sentry-cocoa / KSCrash versions put at the top of the mechanism
 * (see the cocoa sample); today's protocol has them under `mechanism.meta`.
 */
const LEGACY_META_KEYS: ReadonlyArray<[string, string]> = [
  ['posix_signal', 'signal'],
  ['mach_exception', 'mach_exception'],
  ['ns_error', 'ns_error'],
  ['errno', 'errno'],
];

export function normalizeMechanism(value: unknown): Mechanism | undefined {
  if (!isRecord(value)) return undefined;
  return compact({
    // `type` is required by the protocol; an SDK that forgot it still told us `handled`, which
    // decides whether the issue is shown as a crash, so the mechanism is kept as `generic`.
    type: stringOf(value['type'], MAX_LABEL_CHARS) ?? 'generic',
    handled: booleanOf(value['handled']),
    synthetic: booleanOf(value['synthetic']),
    description: stringOf(value['description'], MAX_MESSAGE_CHARS),
    help_link: stringOf(value['help_link'], MAX_PATH_CHARS),
    source: stringOf(value['source'], MAX_LABEL_CHARS),
    exception_id: integerOf(value['exception_id']),
    parent_id: integerOf(value['parent_id']),
    is_exception_group: booleanOf(value['is_exception_group']),
    data: smallBagOf(value['data']),
    meta: smallBagOf(metaOf(value)),
  });
}

function metaOf(mechanism: Record<string, unknown>): Record<string, unknown> | undefined {
  const meta = isRecord(mechanism['meta']) ? { ...mechanism['meta'] } : {};
  for (const [legacyKey, key] of LEGACY_META_KEYS) {
    if (mechanism[legacyKey] !== undefined && mechanism[legacyKey] !== null && !(key in meta))
      meta[key] = mechanism[legacyKey];
  }
  return Object.keys(meta).length === 0 ? undefined : meta;
}

function smallBagOf(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value) || Object.keys(value).length === 0) return undefined;
  return trimRecord(value, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_SMALL_BAG_BYTES });
}
