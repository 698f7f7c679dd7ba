/**
 * Two connections to one SQLite file writing at once, each transaction reading before it writes
 * (as digest's persist does: find the issue, then update it). A transaction that began as a
 * reader cannot become the writer once another connection committed since it began: SQLite
 * answers SQLITE_BUSY at once, whatever busy_timeout says. Transactions that take the write lock
 * up front (BEGIN IMMEDIATE) wait for each other instead, and none fails.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { BATCHES_PER_WRITER, persistMany } from '../helpers/persist-many.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The other writer: a thread with its own connection, running persistMany (the worker imports the
// built modules by URL).
const WORKER_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads');
  (async () => {
    const { openSqliteStore } = await import(workerData.storeModule);
    const { persistMany } = await import(workerData.testModule);
    const store = openSqliteStore(workerData.dataDir);
    const failures = await persistMany(store, workerData.projectId, 1_000_000);
    await store.close();
    parentPort.postMessage(failures);
  })();
`;

describe('SQLite writers', () => {
  it('two connections persisting read-then-write batches at once never get SQLITE_BUSY', async () => {
    const temp = makeTempDir();
    const store = openSqliteStore(temp.dir);
    try {
      const projectId = (await store.createProject('locks')).id;
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          dataDir: temp.dir,
          projectId,
          storeModule: new URL('../../src/store/sqlite/sqlite-store.js', import.meta.url).href,
          testModule: new URL('../helpers/persist-many.js', import.meta.url).href,
        },
      });
      const theirs = new Promise<string[]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const mine = await persistMany(store, projectId, 1);
      const failures = [...mine, ...(await theirs)];
      assert.deepEqual(failures, []);
      assert.equal(await store.countEvents(projectId), 2 * BATCHES_PER_WRITER);
    } finally {
      await store.close();
      temp.cleanup();
    }
  });
});
