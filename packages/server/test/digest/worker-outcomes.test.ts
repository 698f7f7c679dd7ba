/**
 * The digest worker takes outcome counts of any size from ingest without falling over: 600,000
 * records in one message used to overflow its stack (`push(...records)`) and kill the thread.
 * It keeps a bounded number of distinct rows while it waits to write them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DigestThread } from '../../src/digest/digest-thread.js';
import { openStore } from '../../src/store/open-store.js';
import type { OutcomeRecord } from '../../src/store/types.js';
import { T0 } from '../helpers/store-records.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('the digest worker and outcome counts', () => {
  it('takes 600,000 records in one message, and writes a bounded number of rows', async () => {
    const temp = makeTempDir();
    try {
      const config = { kind: 'sqlite', dataDir: temp.dir } as const;
      const store = await openStore(config); // migrated before the worker opens it
      const problems: string[] = [];
      const digest = new DigestThread(config, {
        onDigested() {},
        onProblem: (message) => problems.push(message),
      });
      const records: OutcomeRecord[] = Array.from({ length: 600_000 }, (_, n) => ({
        projectId: 1 + (n % 1000),
        hour: T0 + Math.floor(n / 1000) * 3600,
        category: 'error',
        outcome: 'accepted',
        reason: '',
        quantity: 1,
      }));
      digest.sendOutcomes(records);
      await digest.stop();
      assert.deepEqual(problems, []);
      const row = await store.sql.get('SELECT count(*) AS n FROM outcomes');
      assert.equal(Number(row!['n']), 100_000, 'the first 100,000 distinct rows');
      await store.close();
    } finally {
      temp.cleanup();
    }
  });
});
