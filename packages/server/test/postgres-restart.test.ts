/**
 * PostgreSQL restarted under load: while it is down ingest answers 503 with Retry-After (never a
 * hang, never a 200 for an event it could not queue); it reconnects by itself; every event it
 * acknowledged is stored exactly once. On a private PostgreSQL server, so stopping it touches no
 * other suite's database.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { dsnFromString } from '@faultline/protocol';
import { openStore } from '../src/store/open-store.js';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent } from './helpers/envelopes.js';
import { createPrivatePostgres, privatePostgresUnavailable } from './helpers/private-postgres.js';
import type { PrivatePostgres } from './helpers/private-postgres.js';
import { spawnServer } from './helpers/server-process.js';
import type { ServerProcess } from './helpers/server-process.js';

const unavailable = privatePostgresUnavailable();
const skip =
  unavailable !== undefined && process.env['FAULTLINE_REQUIRE_POSTGRES'] !== '1'
    ? unavailable
    : false;

const REQUEST_TIMEOUT_MS = 5000;
const SENDERS = 8;

describe('PostgreSQL restarted under load', { skip }, () => {
  let database: PrivatePostgres | undefined;
  let server: ServerProcess | undefined;
  after(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await database?.remove();
  });

  it('answers 503 while it is down, recovers by itself, and loses no acknowledged event', async () => {
    assert.equal(unavailable, undefined, unavailable);
    database = await createPrivatePostgres();
    await database.start();
    server = await spawnServer({ databaseUrl: database.url });
    const dsn = dsnFromString(server.dsn);
    const url = `${server.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`;

    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    let retryAfterOn503 = true;
    let sending = true;
    const sender = async () => {
      while (sending) {
        const eventId = newEventId();
        const response = await fetch(url, {
          method: 'POST',
          body: eventEnvelope(nodeErrorEvent(eventId)),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), // a hang fails the test
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) acknowledged.add(eventId);
        if (response.status === 503 && response.headers.get('retry-after') === null)
          retryAfterOn503 = false;
        if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const senders = Array.from({ length: SENDERS }, sender);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeStop = acknowledged.size;
    await database.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const duringOutage = acknowledged.size;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(
      acknowledged.size,
      duringOutage,
      'nothing is acknowledged while the database is down',
    );
    await database.start();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    sending = false;
    await Promise.all(senders);

    assert.ok(beforeStop > 0, 'events were acknowledged before the outage');
    assert.ok((statuses.get(503) ?? 0) > 0, `503s while down: ${JSON.stringify([...statuses])}`);
    assert.ok(retryAfterOn503, 'every 503 carries Retry-After');
    assert.deepEqual(
      [...statuses.keys()].filter((status) => status !== 200 && status !== 503),
      [],
      `only 200 and 503: ${JSON.stringify([...statuses])}`,
    );
    assert.ok(acknowledged.size > duringOutage, 'ingest recovered by itself after the restart');

    const store = await openStore({ kind: 'postgres', url: database.url });
    try {
      const deadline = Date.now() + 30_000;
      while ((await store.countEvents()) < acknowledged.size && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(await store.countEvents(), acknowledged.size, 'each acknowledged event once');
      for (const eventId of acknowledged)
        assert.ok(await store.getEvent(Number(dsn.projectId), eventId), `${eventId} stored`);
    } finally {
      await store.close();
    }
  });
});
