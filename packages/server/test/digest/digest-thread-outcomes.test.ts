/**
 * The digest worker takes however many outcome records ingest forwards in one message: spreading
 * them into one push() overflowed the stack at a few hundred thousand and killed the thread.
 * A real worker thread on a real SQLite store.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DigestThread } from '../../src/digest/digest-thread.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OutcomeRecord } from '../../src/store/types.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('the digest thread', () => {
  it('records 600,000 outcome records sent in one message', async () => {
    const temp = makeTempDir();
    const store = openSqliteStore(temp.dir);
    try {
      const { project } = await store.ensureDefaultProject();
      const problems: string[] = [];
      const thread = new DigestThread(
        { kind: 'sqlite', dataDir: temp.dir },
        { onDigested: () => {}, onProblem: (message) => problems.push(message) },
      );
      const hour = Math.floor(Date.now() / 3_600_000) * 3600;
      const record: OutcomeRecord = {
        projectId: project.id,
        hour,
        category: 'error',
        outcome: 'filtered',
        reason: 'test',
        quantity: 1,
      };
      thread.sendOutcomes(Array.from({ length: 600_000 }, () => ({ ...record })));
      await thread.stop(); // the worker writes pending outcomes before it stops
      assert.deepEqual(problems, []);
      const outcomes = await store.listOutcomes(project.id);
      const filtered = outcomes.filter((outcome) => outcome.reason === 'test');
      assert.equal(
        filtered.reduce((sum, outcome) => sum + outcome.quantity, 0),
        600_000,
      );
    } finally {
      await store.close();
      temp.cleanup();
    }
  });
});
