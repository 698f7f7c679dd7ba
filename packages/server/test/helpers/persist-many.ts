/** One writer of test/store/sqlite-write-lock.test.ts: many small read-then-write batches. */
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ClaimedEnvelope } from '../../src/store/types.js';
import { digested } from './store-records.js';

export const BATCHES_PER_WRITER = 300;

/** Persists one-event batches of one issue, each a read-then-write transaction. */
export async function persistMany(store: SqliteStore, projectId: number, firstQueueId: number) {
  const failures: string[] = [];
  for (let n = 0; n < BATCHES_PER_WRITER; n++) {
    const event = digested(projectId, { groupingHash: 'b'.repeat(32) });
    const claimed: ClaimedEnvelope = {
      queueId: firstQueueId + n,
      projectId,
      eventId: event.eventId,
      kind: 'event',
      receivedAt: event.receivedAt,
      envelope: new Uint8Array(0),
    };
    try {
      await store.completeBatch([claimed], { events: [event], attachments: [] });
    } catch (error) {
      failures.push((error as { code?: string }).code ?? String(error));
    }
  }
  return failures;
}
