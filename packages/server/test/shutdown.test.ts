/**
 * SIGTERM: stop accepting, commit what is in flight, let digest finish its batch, exit 0.
 * Whatever was acknowledged is stored (at once, or by the next start from the queue).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dsnFromString } from '@faultline/protocol';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent } from './helpers/envelopes.js';
import { spawnServer } from './helpers/server-process.js';
import { startTestServer } from './helpers/test-server.js';
import { makeTempDir } from './helpers/temp-dir.js';

describe('graceful shutdown', () => {
  it('SIGTERM under load exits 0 and loses nothing acknowledged', async () => {
    const temp = makeTempDir();
    try {
      const server = await spawnServer(temp.dir);
      const dsn = dsnFromString(server.dsn);
      const url = `${server.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`;
      const acked: string[] = [];
      const statuses = new Set<number>();
      let sent = 0;
      const sender = async () => {
        while (sent < 400) {
          sent++;
          try {
            const response = await fetch(url, {
              method: 'POST',
              body: eventEnvelope(nodeErrorEvent(newEventId())),
            });
            statuses.add(response.status);
            if (response.status === 200) acked.push(((await response.json()) as { id: string }).id);
            else await response.arrayBuffer();
          } catch {
            return; // the server has gone: no promise was made for this one
          }
          if (acked.length === 100) server.child.kill('SIGTERM');
        }
      };
      await Promise.all(Array.from({ length: 8 }, sender));
      assert.equal(await server.exited, 0, server.output());
      assert.ok(acked.length >= 100);
      assert.ok(
        [...statuses].every((s) => s === 200 || s === 503),
        `only 200 or 503: ${[...statuses]}`,
      );

      // What digest had not reached is still queued, and a restart digests it.
      const restarted = await spawnServer(temp.dir);
      const store = openSqliteStore(temp.dir, { readonly: true });
      try {
        const deadline = Date.now() + 20_000;
        while ((await store.countEvents()) < acked.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        for (const eventId of acked) {
          assert.ok(
            await store.getEvent(Number(dsn.projectId), eventId),
            `event ${eventId} stored`,
          );
        }
        assert.ok((await store.countEvents()) >= acked.length);
      } finally {
        await store.close();
        restarted.child.kill('SIGTERM');
        await restarted.exited;
      }
    } finally {
      temp.cleanup();
    }
  });

  it('stops digest after its current batch, not after the backlog', async () => {
    // A backlog left by a previous run: digest starts on it as soon as the server is up.
    const temp = makeTempDir();
    const BACKLOG = 5000;
    try {
      const seed = openSqliteStore(temp.dir);
      const { project } = await seed.ensureDefaultProject();
      await seed.enqueueBatches([
        Array.from({ length: BACKLOG }, () => {
          const eventId = newEventId();
          return {
            projectId: project.id,
            eventId,
            kind: 'event' as const,
            receivedAt: Date.now() / 1000,
            envelope: eventEnvelope(nodeErrorEvent(eventId)),
          };
        }),
      ]);
      await seed.close();

      const server = await startTestServer({ dataDir: temp.dir });
      await server.stop();
      // Before, the stop message waited until the whole backlog was digested (a batch is 200).
      const left = openSqliteStore(temp.dir, { readonly: true });
      try {
        const { depth } = await left.queueStats();
        assert.ok(depth > BACKLOG / 2, `${depth} of ${BACKLOG} still queued`);
      } finally {
        await left.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});
