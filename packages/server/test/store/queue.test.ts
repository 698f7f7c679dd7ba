/**
 * The ingest queue on every dialect: dedup of re-sent events, claim order, completion, stats;
 * and on the shared queue (PostgreSQL) what many digest workers need: disjoint claims, leases
 * that expire, and each event digested exactly once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../src/store/open-store.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { ClaimedEnvelope } from '../../src/store/types.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { T0, digested, queued } from '../helpers/store-records.js';

/** Entries claimed and never completed come back after this long (PostgreSQL's lease). */
const SHORT_LEASE_SECONDS = 0.3;

function withShortLease(config: StoreConfig): StoreConfig {
  // SQLite has no lease: its one worker re-reads unfinished entries on the next claim.
  return config.kind === 'postgres'
    ? { ...config, queueLeaseSeconds: SHORT_LEASE_SECONDS }
    : config;
}

async function drain(store: Store): Promise<void> {
  for (let claimed = await store.claimBatch(100); claimed.length > 0;) {
    await store.completeBatch(claimed, { events: [], attachments: [] });
    claimed = await store.claimBatch(100);
  }
  await store.pruneQueue();
}

const ids = (claimed: readonly ClaimedEnvelope[]) => claimed.map((c) => c.eventId);

for (const dialect of await storeDialects()) {
  describe(`Store queue (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    before(async () => {
      store = await openStore(await dialect.freshConfig());
      projectId = (await store.createProject('q')).id;
    });
    after(async () => {
      await store?.close();
    });

    it('acknowledges a re-sent event still in the queue without queueing it twice', async () => {
      const entry = queued(projectId);
      assert.equal(await store.enqueue([entry]), 1);
      assert.equal(await store.enqueue([entry]), 0);
      assert.equal(await store.enqueue([entry, queued(projectId)]), 1);
      // Attachments sent on their own are never duplicates of each other.
      const attachment = queued(projectId, { eventId: entry.eventId, kind: 'attachments' });
      assert.equal(await store.enqueue([attachment, attachment]), 2);
      assert.equal((await store.queueStats()).depth, 4);
      await drain(store);
    });

    it('enqueueBatches counts each batch on its own, deduplicating across them', async () => {
      const shared = queued(projectId);
      const counts = await store.enqueueBatches([
        [shared, queued(projectId)],
        [shared],
        [queued(projectId), queued(projectId), queued(projectId)],
      ]);
      assert.deepEqual(counts, [2, 0, 3]);
      await drain(store);
    });

    it('claims in queue order, up to the limit, with every field as queued', async () => {
      const entries = [1, 2, 3].map((n) =>
        queued(projectId, { receivedAt: T0 + n + 0.25, envelope: new Uint8Array([n, 0, 255]) }),
      );
      await store.enqueue(entries);
      const claimed = await store.claimBatch(2);
      assert.deepEqual(ids(claimed), ids(entries.slice(0, 2) as ClaimedEnvelope[]));
      assert.ok(claimed[0]!.queueId < claimed[1]!.queueId);
      const [first] = claimed;
      assert.equal(first!.projectId, projectId);
      assert.equal(first!.kind, 'event');
      assert.equal(first!.receivedAt, T0 + 1.25);
      assert.deepEqual([...first!.envelope], [1, 0, 255]);
      await store.completeBatch(claimed, { events: [], attachments: [] });
      const rest = await store.claimBatch(10);
      assert.deepEqual(ids(rest), [entries[2]!.eventId]);
      await store.completeBatch(rest, { events: [], attachments: [] });
      await drain(store);
    });

    it('claims by bytes as well as by count, and always at least the first entry', async () => {
      const KIB = 1024;
      const sized = (kib: number) => queued(projectId, { envelope: new Uint8Array(kib * KIB) });
      const entries = [sized(40), sized(40), sized(40), sized(300), sized(10)];
      await store.enqueue(entries);
      const taken: string[][] = [];
      // A budget of 100 KiB: two 40 KiB entries fit, a third would not; the 300 KiB one goes
      // alone, being first; then the rest.
      for (let claimed = await store.claimBatch(10, 100 * KIB); claimed.length > 0;) {
        taken.push(ids(claimed));
        await store.completeBatch(claimed, { events: [], attachments: [] });
        claimed = await store.claimBatch(10, 100 * KIB);
      }
      const all = ids(entries as ClaimedEnvelope[]);
      assert.deepEqual(taken, [all.slice(0, 2), all.slice(2, 3), all.slice(3, 4), all.slice(4)]);
      await drain(store);
    });

    it('queueStats counts what is acknowledged and not yet digested, and the oldest of it', async () => {
      assert.deepEqual(await store.queueStats(), { depth: 0, oldestReceivedAt: undefined });
      await store.enqueue([
        queued(projectId, { receivedAt: T0 + 5 }),
        queued(projectId, { receivedAt: T0 + 7 }),
      ]);
      assert.deepEqual(await store.queueStats(), { depth: 2, oldestReceivedAt: T0 + 5 });
      const claimed = await store.claimBatch(1);
      assert.equal((await store.queueStats()).depth, 2, 'claimed is not digested yet');
      await store.completeBatch(claimed, { events: [], attachments: [] });
      await store.pruneQueue();
      assert.deepEqual(await store.queueStats(), { depth: 1, oldestReceivedAt: T0 + 7 });
      await drain(store);
    });

    it('queueBytes counts what the queue holds, and less once digest has completed it', async () => {
      const empty = await store.queueBytes();
      const MIB = 1024 * 1024;
      await store.enqueue(
        Array.from({ length: 16 }, () =>
          queued(projectId, { envelope: crypto.getRandomValues(new Uint8Array(64 * 1024)) }),
        ),
      );
      const full = await store.queueBytes();
      assert.ok(full - empty >= MIB, `${full - empty} bytes for 1 MiB of envelopes`);
      await drain(store);
      const drained = await store.queueBytes();
      assert.ok(drained - empty < MIB / 4, `${drained - empty} bytes left after draining`);
    });

    it('completes atomically: the batch is stored and its entries are not claimed again', async () => {
      const event = digested(projectId);
      await store.enqueue([queued(projectId, { eventId: event.eventId })]);
      const claimed = await store.claimBatch(10);
      await store.completeBatch(claimed, { events: [event], attachments: [] });
      assert.ok(await store.getEvent(projectId, event.eventId));
      assert.deepEqual(await store.claimBatch(10), []);
      assert.equal((await store.queueStats()).depth, 0);

      // Once completed entries are pruned, the same event re-sent is queued again, and digesting
      // it again stores nothing new.
      await store.pruneQueue();
      assert.equal(await store.enqueue([queued(projectId, { eventId: event.eventId })]), 1);
      const again = await store.claimBatch(10);
      await store.completeBatch(again, { events: [event], attachments: [] });
      assert.equal(await store.countEvents(projectId), 1);
      assert.equal(
        (await store.getIssue((await store.getEvent(projectId, event.eventId))!.issueId))!.count,
        1,
      );
    });
  });

  describe(`Store queue, a worker that dies (${dialect.name})`, { skip: dialect.skip }, () => {
    let config: StoreConfig;
    before(async () => {
      config = withShortLease(await dialect.freshConfig());
    });

    it('an entry claimed and never completed is claimed again', async () => {
      const dead = await openStore(config);
      const projectId = (await dead.createProject('d')).id;
      const entry = queued(projectId);
      await dead.enqueue([entry]);
      assert.deepEqual(ids(await dead.claimBatch(10)), [entry.eventId]);
      await dead.close(); // died before completing

      await sleep(SHORT_LEASE_SECONDS * 1000 + 200);
      const next = await openStore(config);
      try {
        const claimed = await next.claimBatch(10);
        assert.deepEqual(ids(claimed), [entry.eventId]);
        await next.completeBatch(claimed, { events: [], attachments: [] });
        assert.deepEqual(await next.claimBatch(10), []);
      } finally {
        await next.close();
      }
    });
  });

  describe(
    `Store queue shared by many workers (${dialect.name})`,
    {
      skip: dialect.skip || (!dialect.sharedQueue && `${dialect.name} has one digest worker`),
    },
    () => {
      let config: StoreConfig;
      let a: Store;
      let b: Store;
      let projectId: number;
      before(async () => {
        config = withShortLease(await dialect.freshConfig());
        a = await openStore(config);
        b = await openStore(config);
        projectId = (await a.createProject('shared')).id;
      });
      after(async () => {
        await a?.close();
        await b?.close();
      });

      it('workers claiming at once get disjoint entries, together all of them', async () => {
        const entries = Array.from({ length: 40 }, () => queued(projectId));
        await a.enqueue(entries);
        const [fromA, fromB] = await Promise.all([a.claimBatch(25), b.claimBatch(25)]);
        const all = [...ids(fromA), ...ids(fromB)];
        assert.equal(new Set(all).size, all.length, 'no entry claimed twice');
        assert.deepEqual(new Set(all), new Set(ids(entries as ClaimedEnvelope[])));
        // Within its lease nobody else gets a claimed entry.
        assert.deepEqual(await b.claimBatch(100), []);
        await a.completeBatch(fromA, { events: [], attachments: [] });
        await b.completeBatch(fromB, { events: [], attachments: [] });
        assert.equal((await a.queueStats()).depth, 0);
      });

      it('a worker whose lease ran out and the worker that re-claimed: the event is stored once', async () => {
        for (const order of ['slow worker first', 'at the same time'] as const) {
          const event = digested(projectId, { groupingHash: order.padEnd(32, '-') });
          await a.enqueue([queued(projectId, { eventId: event.eventId })]);
          const slow = await a.claimBatch(10);
          await sleep(SHORT_LEASE_SECONDS * 1000 + 200); // the slow worker's lease runs out
          const fast = await b.claimBatch(10);
          assert.deepEqual(ids(fast), ids(slow), 'claimed again after the lease');
          // Attachments are not idempotent the way events are: stored twice, they would show.
          const attachment = {
            projectId,
            eventId: event.eventId,
            receivedAt: event.receivedAt,
            filename: 'log.txt',
            contentType: 'text/plain',
            attachmentType: undefined,
            data: new Uint8Array([1, 2, 3]),
          };
          const batch = { events: [event], attachments: [attachment] };
          if (order === 'slow worker first') {
            await a.completeBatch(slow, batch);
            await b.completeBatch(fast, batch);
          } else {
            await Promise.all([a.completeBatch(slow, batch), b.completeBatch(fast, batch)]);
          }
          const stored = await a.getEvent(projectId, event.eventId);
          assert.ok(stored, order);
          const issue = await a.getIssue(stored.issueId);
          assert.equal(issue!.count, 1, order);
          assert.equal((await a.issueHourlyCounts(stored.issueId))[0]!.count, 1, order);
          assert.equal((await a.listAttachments(projectId, event.eventId)).length, 1, order);
        }
        assert.equal((await a.queueStats()).depth, 0);
      });

      it('a worker that lost part of its batch persists only the part it still owns', async () => {
        const events = [digested(projectId), digested(projectId)];
        await a.enqueue(events.map((e) => queued(projectId, { eventId: e.eventId })));
        const slow = await a.claimBatch(10);
        assert.equal(slow.length, 2);
        await sleep(SHORT_LEASE_SECONDS * 1000 + 200);
        const fast = await b.claimBatch(10);
        const taken = fast.filter((c) => c.eventId === events[0]!.eventId);
        // The other worker completes the first entry with nothing digested (it was invalid, say).
        await b.completeBatch(taken, { events: [], attachments: [] });
        await a.completeBatch(slow, { events, attachments: [] });
        assert.equal(await a.getEvent(projectId, events[0]!.eventId), undefined);
        assert.ok(await a.getEvent(projectId, events[1]!.eventId));
        assert.equal((await a.queueStats()).depth, 0);
      });
    },
  );
}
