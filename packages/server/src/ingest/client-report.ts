/**
 * Client reports are the SDKs' own account of events they dropped (rate limits, full queues,
 * sampling, before_send). Recorded as `client_discard` outcomes so the stats show them, in the
 * fixed vocabulary of outcome-vocabulary.ts: a report names its categories and reasons freely.
 */
import type { ClientReport } from '@faultline/protocol';
import { clientDiscardReason, outcomeCategory } from './outcome-vocabulary.js';
import type { PlannedOutcome } from './plan-envelope.js';

const MAX_ENTRIES = 100;
// Far above what an SDK drops between two reports; it keeps a row's running sum far from
// PostgreSQL's BIGINT limit, where one overflowing row would fail every row written with it.
const MAX_QUANTITY = 1_000_000;

export function readClientReport(payload: Uint8Array): PlannedOutcome[] {
  let report: ClientReport;
  try {
    report = JSON.parse(Buffer.from(payload).toString('utf8')) as ClientReport;
  } catch {
    return [
      { category: 'internal', outcome: 'invalid', reason: 'client_report_invalid', quantity: 1 },
    ];
  }
  const entries = Array.isArray(report?.discarded_events) ? report.discarded_events : [];
  const outcomes: PlannedOutcome[] = [];
  for (const entry of entries.slice(0, MAX_ENTRIES)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { reason, category, quantity } = entry;
    if (typeof reason !== 'string' || typeof category !== 'string') continue;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) continue;
    outcomes.push({
      category: outcomeCategory(category),
      outcome: 'client_discard',
      reason: clientDiscardReason(reason),
      quantity: Math.min(quantity, MAX_QUANTITY),
    });
  }
  return outcomes;
}
