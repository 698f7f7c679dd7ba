/**
 * The 200 is a promise. Acknowledge a burst of events, SIGKILL the server in the middle of it,
 * restart on the same data dir: every acknowledged event_id is stored, exactly once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dsnFromString } from '@faultline/protocol';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent } from './helpers/envelopes.js';
import { spawnServer } from './helpers/server-process.js';
import { makeTempDir } from './helpers/temp-dir.js';

const BURST = 600;
const CONCURRENCY = 32;

async function sendBurst(
  url: string,
  acked: Set<string>,
  stopAfter: number,
  kill: () => void,
): Promise<void> {
  let next = 0;
  let killed = false;
  async function sender() {
    while (next < BURST) {
      const index = next++;
      const eventId = newEventId();
      // Every tenth event repeats an earlier id: a re-send must not be stored twice.
      const id = index % 10 === 9 && acked.size > 0 ? [...acked][index % acked.size]! : eventId;
      try {
        const response = await fetch(url, {
          method: 'POST',
          body: eventEnvelope(nodeErrorEvent(id)),
        });
        if (response.status === 200) acked.add(((await response.json()) as { id: string }).id);
        else await response.arrayBuffer();
      } catch {
        // connection refused or reset after the kill: not acknowledged, no promise made
      }
      if (!killed && acked.size >= stopAfter) {
        killed = true;
        kill();
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
}

describe('durability', () => {
  it('every acknowledged event survives SIGKILL and is stored exactly once', async () => {
    const temp = makeTempDir();
    try {
      const first = await spawnServer(temp.dir);
      const dsn = dsnFromString(first.dsn);
      const url = `${first.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`;
      const acked = new Set<string>();
      await sendBurst(url, acked, BURST / 2, () => first.child.kill('SIGKILL'));
      assert.equal(await first.exited, 'SIGKILL');
      assert.ok(acked.size >= BURST / 2, `acknowledged ${acked.size}`);

      const second = await spawnServer(temp.dir);
      try {
        const store = openSqliteStore(temp.dir, { readonly: true });
        try {
          const deadline = Date.now() + 30_000;
          while ((await store.queueStats()).depth > 0 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          const missing: string[] = [];
          for (const eventId of acked) {
            if ((await store.getEvent(Number(dsn.projectId), eventId)) === undefined)
              missing.push(eventId);
          }
          assert.deepEqual(
            missing,
            [],
            `${missing.length} of ${acked.size} acknowledged events lost`,
          );
          const total = await store.countEvents();
          assert.ok(total >= acked.size, 'nothing acknowledged is missing');
          // Unique (project, event_id) rows: the count of distinct ids equals the row count.
          const [issue] = await store.listIssues({});
          assert.equal(
            issue!.count,
            total,
            'issue counts match stored events: nothing counted twice',
          );
        } finally {
          await store.close();
        }
      } finally {
        second.child.kill('SIGTERM');
        assert.equal(await second.exited, 0);
      }
    } finally {
      temp.cleanup();
    }
  });
});
