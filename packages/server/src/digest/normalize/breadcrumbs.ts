/**
 * Breadcrumbs: `{values: [...]}` or a bare list (@sentry/node 11, the Unity sample), oldest first.
 * Only the newest are kept. A breadcrumb with a bad field loses that field, not its place: the
 * trail matters more than any one crumb (see the invalid-interfaces sample).
 */
import type { Breadcrumb } from '@faultline/protocol';
import { compact } from './compact.js';
import { isRecord, stringOf, valuesOf } from './json-guards.js';
import { parseLevel } from './level.js';
import {
  MAX_BREADCRUMBS,
  MAX_DATABAG_DEPTH,
  MAX_LABEL_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_SMALL_BAG_BYTES,
} from './limits.js';
import { parseTimestamp } from './timestamp.js';
import { trimRecord } from './trim.js';

export function normalizeBreadcrumbs(value: unknown): { values: Breadcrumb[] } | undefined {
  const values: Breadcrumb[] = [];
  const items = valuesOf(value);
  // Walk from the newest so that at most MAX_BREADCRUMBS are ever normalized.
  for (let i = items.length - 1; i >= 0 && values.length < MAX_BREADCRUMBS; i--) {
    const crumb = normalizeBreadcrumb(items[i]);
    if (crumb !== undefined) values.push(crumb);
  }
  return values.length === 0 ? undefined : { values: values.reverse() };
}

function normalizeBreadcrumb(value: unknown): Breadcrumb | undefined {
  if (!isRecord(value)) return undefined;
  const data = value['data'];
  const crumb = compact({
    timestamp: parseTimestamp(value['timestamp']),
    type: stringOf(value['type'], MAX_LABEL_CHARS),
    category: stringOf(value['category'], MAX_LABEL_CHARS),
    level: parseLevel(value['level']),
    message: stringOf(value['message'], MAX_MESSAGE_CHARS),
    data:
      isRecord(data) && Object.keys(data).length > 0
        ? trimRecord(data, { maxDepth: MAX_DATABAG_DEPTH, maxBytes: MAX_SMALL_BAG_BYTES })
        : undefined,
  });
  return Object.keys(crumb).length === 0 ? undefined : crumb;
}
