// STUB-INTERIM
import { createHash } from 'node:crypto';
import type { SentryEvent } from '@faultline/protocol';
export const LATEST_GROUPING_VERSION = 'v1';
export interface GroupingResult {
  version: string;
  hash: string;
  components: unknown;
}
export function computeGrouping(event: SentryEvent): GroupingResult {
  const parts = (event.exception?.values ?? []).map((e) => [
    e.type,
    (e.stacktrace?.frames ?? []).filter((f) => f.in_app).map((f) => `${f.module}.${f.function}`),
  ]);
  const basis = JSON.stringify(
    parts.length
      ? parts
      : [String(event.logentry?.message ?? event['message']).replace(/\d+/g, '<n>')],
  );
  return {
    version: 'v1',
    hash: createHash('sha256').update(basis).digest('hex').slice(0, 32),
    components: basis,
  };
}
