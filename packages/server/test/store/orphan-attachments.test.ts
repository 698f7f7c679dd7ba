/**
 * Attachments whose event never came, on every dialect: a maintenance pass removes them an hour
 * (ORPHAN_GRACE_SECONDS) after they arrived, counted from the oldest envelope still queued, and
 * never an attachment whose event is stored.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runMaintenancePass } from '../../src/maintenance.js';
import { ORPHAN_GRACE_SECONDS } from '../../src/store/orphan-attachments.js';
import { RETENTION_BATCH_ROWS } from '../../src/store/retention.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { EventAttachment } from '../../src/store/types.js';
import { newEventId } from '../helpers/envelopes.js';
import { storeDialects } from '../helpers/store-dialects.js';
import {
  attachment,
  claimFor,
  digested,
  HOUR,
  persistEvents,
  T0,
} from '../helpers/store-records.js';

const NOW = T0 + 10 * HOUR + 0.25; // as fractional as Date.now() / 1000

/** As digest stores an envelope of attachments alone: queued, claimed, completed. */
async function persistAttachmentsAlone(store: Store, attachments: EventAttachment[]) {
  const claimed = await claimFor(store, attachments);
  await store.completeBatch(claimed, { events: [], attachments });
  await store.pruneQueue();
}

async function attachmentCount(store: Store, projectId: number, eventIds: string[]) {
  let count = 0;
  for (const eventId of eventIds) count += (await store.listAttachments(projectId, eventId)).length;
  return count;
}

for (const dialect of await storeDialects()) {
  describe(`orphan attachments (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    before(async () => {
      store = await openStore(await dialect.freshConfig());
      projectId = (await store.createProject('p')).id;
    });
    after(async () => {
      await store?.close();
    });

    it('go an hour after they arrived; attachments of stored events stay', async () => {
      const stale = NOW - ORPHAN_GRACE_SECONDS - 60;
      const event = digested(projectId, { receivedAt: stale - HOUR });
      await persistEvents(store, [event], [attachment(projectId, event.eventId, stale - HOUR)]);
      // More than a batch of orphans, and one that came later than its event.
      const orphanIds = Array.from({ length: RETENTION_BATCH_ROWS + 20 }, () => newEventId());
      await persistAttachmentsAlone(
        store,
        orphanIds.map((eventId, n) => attachment(projectId, eventId, stale - n)),
      );
      const lateFor = digested(projectId, { receivedAt: stale });
      await persistAttachmentsAlone(store, [attachment(projectId, lateFor.eventId, stale - 5)]);
      await persistEvents(store, [lateFor]);
      const recentId = newEventId();
      await persistAttachmentsAlone(store, [attachment(projectId, recentId, NOW - 60)]);

      const result = await runMaintenancePass(store, 90, NOW);
      assert.equal(result.orphanAttachments, orphanIds.length);
      assert.equal(await attachmentCount(store, projectId, orphanIds), 0);
      assert.equal(await attachmentCount(store, projectId, [event.eventId]), 1);
      assert.equal(await attachmentCount(store, projectId, [lateFor.eventId]), 1);
      assert.equal(await attachmentCount(store, projectId, [recentId]), 1, 'within the grace');
    });

    it('wait while an older envelope is still queued: their event may be behind it', async () => {
      const stale = NOW - ORPHAN_GRACE_SECONDS - 60;
      const orphanId = newEventId();
      await persistAttachmentsAlone(store, [attachment(projectId, orphanId, stale)]);
      await store.enqueue([
        {
          projectId,
          eventId: newEventId(),
          kind: 'event',
          receivedAt: stale - 60,
          envelope: new Uint8Array([0x7b, 0x7d, 0x0a]),
        },
      ]);
      assert.equal((await runMaintenancePass(store, 90, NOW)).orphanAttachments, 0);
      assert.equal(await attachmentCount(store, projectId, [orphanId]), 1);
    });
  });
}
