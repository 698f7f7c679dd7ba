/**
 * QueueAdmission decides on every event, so it must not measure on every event: the queue's
 * size and the disk's free space are read at most once a second, and in between the bytes of
 * each commit are added to what was measured.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QueueAdmission } from '../../src/ingest/queue-admission.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const limits = { maxQueueDepth: 1000, maxQueueBytes: 10_000 };

describe('QueueAdmission', () => {
  it('measures at most once a second however often it is asked', async () => {
    let measured = 0;
    const admission = new QueueAdmission(limits, {
      backlog: () => 0,
      queueBytes: async () => {
        measured++;
        return 0;
      },
      dataDir: undefined,
    });
    await admission.measure();
    for (let n = 0; n < 10_000; n++) assert.equal(admission.refusal(), undefined);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(measured, 1);
  });

  it('adds committed bytes to the measured size until the next measurement', async () => {
    const admission = new QueueAdmission(limits, {
      backlog: () => 0,
      queueBytes: async () => 6000,
      dataDir: undefined,
    });
    await admission.measure();
    assert.equal(admission.refusal(), undefined);
    const envelope = { envelope: new Uint8Array(4000) };
    assert.equal(await admission.tracked([envelope], Promise.resolve(1)), 1);
    assert.equal(admission.refusal()?.code, 'queue_full');
    await assert.rejects(admission.tracked([envelope], Promise.reject(new Error('disk full'))));
    assert.match(admission.problem() ?? '', /queue_full/);
  });

  it('refuses with disk_full below the minimum of free disk, and by default keeps 5 % at most', async () => {
    const temp = makeTempDir();
    try {
      const sources = { backlog: () => 0, queueBytes: async () => 0, dataDir: temp.dir };
      const strict = new QueueAdmission(
        { ...limits, minFreeDiskBytes: Number.MAX_SAFE_INTEGER },
        sources,
      );
      await strict.measure();
      assert.equal(strict.refusal()?.code, 'disk_full');
      // This machine has more than 5 % of its temp disk free, or no test here could write.
      const byDefault = new QueueAdmission(limits, sources);
      await byDefault.measure();
      assert.equal(byDefault.refusal(), undefined);
    } finally {
      temp.cleanup();
    }
  });

  it('says in problem() that a commit failed, for /readyz, without refusing events for it', async () => {
    const admission = new QueueAdmission(limits, {
      backlog: () => 0,
      queueBytes: async () => 0,
      dataDir: undefined,
    });
    await admission.measure();
    await assert.rejects(admission.tracked([], Promise.reject(new Error('SQLITE_FULL'))));
    assert.equal(admission.refusal(), undefined);
    assert.match(admission.problem() ?? '', /storage_unavailable/);
  });
});
