/**
 * Ingest refuses events (503 with Retry-After and a stable code) before the queue or the disk
 * runs out of room, says so in /readyz, and takes events again once there is room; a disk that
 * did fill up is recovered from as soon as space is freed: digest drains the backlog and every
 * acknowledged event is stored. The disk tests fill a real (tmpfs) filesystem.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import type { PostResult } from './helpers/envelopes.js';
import { pino } from 'pino';
import { dsnFromString } from '@faultline/protocol';
import { MAIN_DB_FILE } from '../src/store/sqlite/sqlite-store.js';
import { spawnServer } from './helpers/server-process.js';
import { mountSmallDisk, smallDiskSkip } from './helpers/small-disk.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { until } from './helpers/until.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/** An event of about `bytes`, of random text, so that neither the queue nor storage shrinks it. */
function sendEvent(server: TestServer, bytes: number): Promise<PostResult> {
  const event = nodeErrorEvent(newEventId(), { message: randomBytes(bytes / 2).toString('hex') });
  return post(server.envelopeUrl + authQuery(server.publicKey), eventEnvelope(event));
}

/** Sends events of `bytes` until one is refused (at most `limit`): how many were accepted. */
async function sendUntilRefused(server: TestServer, bytes: number, limit: number) {
  let accepted = 0;
  for (let sent = 0; sent < limit; sent++) {
    const response = await sendEvent(server, bytes);
    if (response.status !== 200) return { accepted, refused: response };
    accepted++;
  }
  return { accepted, refused: undefined };
}

async function readiness(server: TestServer) {
  const response = await fetch(`${server.url}/readyz`);
  const body = (await response.json()) as { ready: boolean; checks: Record<string, string> };
  return { status: response.status, ...body };
}

function assertRefused(response: PostResult, code: string): void {
  assert.equal(response.status, 503, JSON.stringify(response.body));
  assert.equal(response.body['code'], code);
  assert.ok(Number(response.headers.get('retry-after')) > 0, 'Retry-After');
}

describe('the queue capped in bytes', () => {
  it('answers 503 queue_full with Retry-After past the cap, and accepts again once digested', async () => {
    const cap = 400 * KIB;
    const server = await startTestServer({ limits: { maxQueueBytes: cap } });
    // Digest stalls: another connection holds faultline.db's write lock, as a long write would.
    const stall = new Database(path.join(server.dataDir, MAIN_DB_FILE));
    try {
      stall.exec('BEGIN IMMEDIATE');
      // The queue's file holds its schema already; events of 100 KiB fill the rest quickly.
      const { accepted, refused } = await sendUntilRefused(server, 100 * KIB, 20);
      assert.ok(refused, 'some event was refused');
      assertRefused(refused, 'queue_full');
      assert.ok(accepted >= 1 && accepted <= 4, `${accepted} events accepted under the cap`);
      assert.match((await readiness(server)).checks['ingest']!, /queue_full/);
      // Digested and pruned, the queue has room again.
      stall.exec('COMMIT');
      await server.idle();
      await until('an event accepted again', async () =>
        (await sendEvent(server, 10 * KIB)).status === 200 ? true : undefined,
      );
    } finally {
      stall.close();
      await server.stop();
    }
  });
});

describe('a minimum of free disk', () => {
  it('answers 503 disk_full with Retry-After while the disk has less free', async () => {
    const server = await startTestServer({ limits: { minFreeDiskBytes: Number.MAX_SAFE_INTEGER } });
    try {
      assertRefused(await sendEvent(server, KIB), 'disk_full');
      const ready = await readiness(server);
      assert.equal(ready.status, 503);
      assert.match(ready.checks['ingest']!, /disk_full/);
      assert.equal(await server.store.countEvents(), 0);
    } finally {
      await server.stop();
    }
  });

  it(
    'refuses below the minimum on a real disk, and accepts again once space is freed',
    { skip: smallDiskSkip() },
    async (t) => {
      const small = mountSmallDisk(16 * MIB);
      t.after(() => small.unmount());
      const server = await startTestServer({
        dataDir: `${small.dir}/data`,
        limits: { minFreeDiskBytes: 4 * MIB },
      });
      try {
        assert.equal((await sendEvent(server, KIB)).status, 200);
        const filler = small.fillLeaving(2 * MIB);
        // Free space is measured once a second, not per request.
        const refused = await until('an event refused', async () => {
          const response = await sendEvent(server, KIB);
          return response.status === 503 ? response : undefined;
        });
        assertRefused(refused, 'disk_full');
        assert.equal((await readiness(server)).status, 503);
        fs.rmSync(filler);
        await until('an event accepted again', async () =>
          (await sendEvent(server, KIB)).status === 200 ? true : undefined,
        );
        assert.equal((await readiness(server)).status, 200);
      } finally {
        await server.stop();
      }
    },
  );
});

describe('a disk that filled up', () => {
  it(
    'refuses and is not ready while full; once freed, the backlog drains and all acknowledged is stored',
    { skip: smallDiskSkip() },
    async (t) => {
      const small = mountSmallDisk(16 * MIB);
      t.after(() => small.unmount());
      const logged: string[] = [];
      // No minimum: the disk fills up for real.
      const server = await startTestServer({
        dataDir: `${small.dir}/data`,
        limits: { minFreeDiskBytes: 0 },
        logger: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }),
      });
      try {
        const filler = small.fillLeaving(3 * MIB);
        const { accepted, refused } = await sendUntilRefused(server, 40 * KIB, 400);
        assert.ok(refused, 'the full disk refused an event');
        assertRefused(refused, 'storage_unavailable');
        const full = await readiness(server);
        assert.equal(full.status, 503, JSON.stringify(full.checks));
        assert.equal(full.ready, false);

        // Digest waits out the outage with backoff, saying so once, not on each of ingest's
        // wake-ups (which made every commit a retry).
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const digestRetries = logged.filter((line) => line.includes('storage unavailable'));
        assert.ok(digestRetries.length <= 2, `${digestRetries.length} digest outage lines`);

        fs.rmSync(filler);
        await server.idle();
        assert.equal(await server.store.countEvents(), accepted, 'every acknowledged event stored');
        await until('ready again', async () => (await readiness(server)).status === 200);
        assert.equal((await sendEvent(server, KIB)).status, 200);
      } finally {
        await server.stop();
      }
    },
  );
});

describe('serve', () => {
  it('takes the minimum of free disk from the environment, the queue cap and the body budget from flags', async () => {
    const temp = makeTempDir();
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [
        [],
        { ...process.env, FAULTLINE_MIN_FREE_DISK_BYTES: String(Number.MAX_SAFE_INTEGER) },
        'disk_full',
      ],
      [['--max-queue-bytes', '1'], process.env, 'queue_full'],
      [['--max-inflight-body-bytes', '1'], process.env, 'ingest_busy'],
    ];
    try {
      for (const [args, env, code] of cases) {
        const server = await spawnServer(temp.dir, args, env);
        try {
          const dsn = dsnFromString(server.dsn);
          const response = await post(
            `${server.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`,
            eventEnvelope(nodeErrorEvent(newEventId())),
          );
          assertRefused(response, code);
        } finally {
          server.child.kill('SIGTERM');
          await server.exited;
        }
      }
    } finally {
      temp.cleanup();
    }
  });
});
