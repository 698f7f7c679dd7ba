/**
 * queue.db gives a backlog's disk space back once digest has drained it: its file and its WAL
 * shrink to near the queue's content, both for a file made now and for one made before the
 * queue had auto_vacuum. (SQLite only: PostgreSQL's autovacuum keeps its own tables.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QUEUE_MIGRATIONS } from '../../src/store/schema/queue-migrations.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { QUEUE_DB_FILE, openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { mountSmallDisk, smallDiskSkip } from '../helpers/small-disk.js';
import { queued } from '../helpers/store-records.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const MIB = 1024 * 1024;
/** Well past what the queue keeps for reuse (64 MiB), as a stalled digest leaves it. */
const BACKLOG_BYTES = 160 * MIB;
const ENVELOPE_BYTES = 64 * 1024;

function queueDiskBytes(dir: string): number {
  const size = (file: string) =>
    fs.statSync(path.join(dir, file), { throwIfNoEntry: false })?.size ?? 0;
  return size(QUEUE_DB_FILE) + size(`${QUEUE_DB_FILE}-wal`);
}

/** Queues a backlog while nothing digests, then digests it all; returns the peak disk use. */
async function fillAndDrain(store: SqliteStore, dir: string, projectId: number): Promise<number> {
  // Random bytes, as compressed envelopes are: nothing shrinks them.
  for (let queuedBytes = 0; queuedBytes < BACKLOG_BYTES; queuedBytes += 32 * ENVELOPE_BYTES) {
    const batch = Array.from({ length: 32 }, () =>
      queued(projectId, { envelope: crypto.getRandomValues(new Uint8Array(ENVELOPE_BYTES)) }),
    );
    await store.enqueue(batch);
  }
  const peak = queueDiskBytes(dir);
  for (let claimed = await store.claimBatch(200); claimed.length > 0;) {
    await store.completeBatch(claimed, { events: [], attachments: [] });
    claimed = await store.claimBatch(200);
  }
  return peak;
}

/** The queue writer's prune, once a second in a server; here until the space is back. */
async function pruneUntilSmall(store: SqliteStore, dir: string, peak: number): Promise<number> {
  for (let tick = 0; tick < 50 && queueDiskBytes(dir) > peak / 4; tick++) await store.pruneQueue();
  return queueDiskBytes(dir);
}

describe('SQLite queue space', () => {
  it('a drained backlog gives its disk space back: queue.db and its WAL shrink', async () => {
    const temp = makeTempDir();
    const store = openSqliteStore(temp.dir, { queueWriter: true });
    try {
      const projectId = (await store.createProject('backlog')).id;
      const peak = await fillAndDrain(store, temp.dir, projectId);
      assert.ok(peak >= BACKLOG_BYTES, `the backlog took ${peak} bytes`);
      const after = await pruneUntilSmall(store, temp.dir, peak);
      assert.ok(after <= peak / 4, `${after} bytes on disk after draining, ${peak} at the peak`);
      assert.equal((await store.queueStats()).depth, 0);
    } finally {
      await store.close();
      temp.cleanup();
    }
  });

  it('while digest is stalled, the WAL stays bounded and the backlog takes its size once', async () => {
    const temp = makeTempDir();
    const store = openSqliteStore(temp.dir, { queueWriter: true });
    const walFile = path.join(temp.dir, `${QUEUE_DB_FILE}-wal`);
    try {
      const projectId = (await store.createProject('stalled')).id;
      let largestWal = 0;
      for (let queuedBytes = 0; queuedBytes < BACKLOG_BYTES; queuedBytes += 32 * ENVELOPE_BYTES) {
        await store.enqueue(
          Array.from({ length: 32 }, () =>
            queued(projectId, { envelope: crypto.getRandomValues(new Uint8Array(ENVELOPE_BYTES)) }),
          ),
        );
        // The queue writer's once-a-second prune; digest, which checkpoints, takes nothing.
        await store.pruneQueue();
        largestWal = Math.max(largestWal, fs.statSync(walFile).size);
      }
      assert.ok(largestWal <= 40 * MIB, `the WAL grew to ${largestWal} bytes`);
      const onDisk = queueDiskBytes(temp.dir);
      assert.ok(onDisk <= BACKLOG_BYTES * 1.3, `${onDisk} bytes on disk for ${BACKLOG_BYTES}`);
    } finally {
      await store.close();
      temp.cleanup();
    }
  });

  it('so does a queue.db made before the queue had auto_vacuum', async () => {
    const temp = makeTempDir();
    // As earlier releases made it: 16 KiB pages, WAL, no auto_vacuum.
    const old = new Database(path.join(temp.dir, QUEUE_DB_FILE));
    old.pragma('page_size = 16384');
    old.pragma('journal_mode = WAL');
    migrate(old, QUEUE_MIGRATIONS);
    assert.equal(old.pragma('auto_vacuum', { simple: true }), 0);
    old.close();
    const store = openSqliteStore(temp.dir, { queueWriter: true });
    try {
      const projectId = (await store.createProject('backlog')).id;
      const peak = await fillAndDrain(store, temp.dir, projectId);
      const after = await pruneUntilSmall(store, temp.dir, peak);
      assert.ok(after <= peak / 4, `${after} bytes on disk after draining, ${peak} at the peak`);
      const file = new Database(path.join(temp.dir, QUEUE_DB_FILE), { readonly: true });
      assert.equal(file.pragma('auto_vacuum', { simple: true }), 2, 'incremental from now on');
      file.close();
    } finally {
      await store.close();
      temp.cleanup();
    }
  });
});

describe('SQLite queue on a full disk', () => {
  it(
    'a batch completes although queue.db cannot take its WAL back for want of space',
    { skip: smallDiskSkip() },
    async (t) => {
      // Digest checkpoints queue.db after each batch; with the queue's backlog in its WAL that
      // needs room for the backlog. It failing failed the batch, already committed: digest then
      // retried that batch forever and never reached the next, however much space was freed.
      const small = mountSmallDisk(16 * MIB);
      t.after(() => small.unmount());
      const dataDir = `${small.dir}/data`;
      const writer = openSqliteStore(dataDir, { queueWriter: true });
      const digest = openSqliteStore(dataDir);
      try {
        const projectId = (await writer.createProject('full')).id;
        // 4 MiB of backlog, all in the writer's WAL (the writer never checkpoints).
        for (let n = 0; n < 4; n++) {
          await writer.enqueue(
            Array.from({ length: 16 }, () =>
              queued(projectId, { envelope: new Uint8Array(64 * 1024).fill(120) }),
            ),
          );
        }
        // Full, then 1 MiB freed: room for digest's own writes, not for the checkpoint.
        small.fillLeaving(MIB);
        fs.rmSync(small.fillLeaving(0));
        assert.ok(small.free() < 2 * MIB, `${small.free()} bytes free`);

        const claimed = await digest.claimBatch(200);
        assert.equal(claimed.length, 64);
        await digest.completeBatch(claimed, { events: [], attachments: [] });
        assert.deepEqual(await digest.claimBatch(200), []);
      } finally {
        await writer.close();
        await digest.close();
      }
    },
  );
});
