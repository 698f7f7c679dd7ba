/**
 * Digest's last step: the batch in one transaction; if the store refuses it, entry by entry, so
 * that one event the store refuses (a bug, a corrupt value) is counted and skipped instead of
 * failing the batch forever, and every other entry of the batch is still stored.
 */
import { hourOf } from '../store/issue-delta.js';
import type { Store } from '../store/store.js';
import type { ClaimedEnvelope, DigestedBatch, OutcomeRecord } from '../store/types.js';

export interface PersistBatchOptions {
  /** Told why the whole batch could not be persisted at once. */
  onBatchRefused(error: unknown): void;
  /** Told about each entry the store refused on its own (it is counted and skipped). */
  onEntryFailed(error: unknown, entry: ClaimedEnvelope): void;
}

/** Resolves to the outcomes of refused entries; rejects only when the store is unavailable. */
export async function persistBatch(
  store: Pick<Store, 'completeBatch' | 'isUnavailable'>,
  claimed: readonly ClaimedEnvelope[],
  batch: DigestedBatch,
  options: PersistBatchOptions,
): Promise<OutcomeRecord[]> {
  try {
    await store.completeBatch(claimed, batch);
    return [];
  } catch (batchError) {
    // An outage is not the batch's fault: the caller retries it whole once the database is back.
    if (store.isUnavailable(batchError)) throw batchError;
    options.onBatchRefused(batchError);
  }
  const outcomes: OutcomeRecord[] = [];
  for (const entry of claimed) {
    const own = (item: { projectId: number; eventId: string }) =>
      item.projectId === entry.projectId && item.eventId === entry.eventId;
    const single: DigestedBatch = {
      events: batch.events.filter(own),
      attachments: batch.attachments.filter(own),
    };
    try {
      await store.completeBatch([entry], single);
    } catch (error) {
      if (store.isUnavailable(error)) throw error;
      options.onEntryFailed(error, entry);
      await store.completeBatch([entry], { events: [], attachments: [] });
      outcomes.push({
        projectId: entry.projectId,
        hour: hourOf(entry.receivedAt),
        category: 'error',
        outcome: 'invalid',
        reason: 'persist_failed',
        quantity: 1,
      });
    }
  }
  return outcomes;
}
