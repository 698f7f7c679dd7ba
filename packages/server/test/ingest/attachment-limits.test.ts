/**
 * Attachments meet the same limits as events, over real HTTP: while a key's rate limit or a
 * project's quota is used up, envelopes of attachments alone are refused too (before, they went
 * around every limit); attachments count in bytes against the project's hourly allowance; an
 * envelope's items are capped while it is parsed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  authQuery,
  envelope,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from '../helpers/envelopes.js';
import type { ItemSpec } from '../helpers/envelopes.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { until } from '../helpers/until.js';

const ALLOWANCE = 1000;

function attachmentItem(bytes: number): ItemSpec {
  return {
    headers: { type: 'attachment', filename: 'dump.bin' },
    payload: new Uint8Array(bytes).fill(7),
    withLength: true,
  };
}

function attachmentsAlone(eventId: string, ...sizes: number[]): Buffer {
  return envelope({ event_id: eventId }, sizes.map(attachmentItem));
}

function eventWithAttachments(eventId: string, ...sizes: number[]): Buffer {
  return envelope({ event_id: eventId }, [
    { headers: { type: 'event' }, payload: JSON.stringify(nodeErrorEvent(eventId)) },
    ...sizes.map(attachmentItem),
  ]);
}

describe('attachments meet the limits events meet', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ limits: { attachmentBytesPerProjectHour: ALLOWANCE } });
  });
  after(async () => {
    await server.stop();
  });

  async function outcomeQuantity(projectId: number, category: string, outcome: string) {
    const rows = await server.store.listOutcomes(projectId);
    return rows
      .filter((row) => row.category === category && row.outcome === outcome)
      .reduce((sum, row) => sum + row.quantity, 0);
  }

  it('a key over its rate limit refuses attachments sent alone; before, they took no unit of it', async () => {
    const key = await server.store.createKey(server.projectId);
    await server.store.updateKey(key.publicKey, { rateLimit: { count: 2, windowSeconds: 3600 } });
    const url = server.envelopeUrl + authQuery(key.publicKey);
    // Attachments alone while there is room: accepted, and the events still get both units.
    assert.equal((await post(url, attachmentsAlone(newEventId(), 10))).status, 200);
    assert.equal((await post(url, eventEnvelope(nodeErrorEvent(newEventId())))).status, 200);
    assert.equal((await post(url, eventEnvelope(nodeErrorEvent(newEventId())))).status, 200);
    const refused = await post(url, attachmentsAlone(newEventId(), 10));
    assert.equal(refused.status, 429);
    assert.equal(refused.body['code'], 'rate_limited');
    assert.match(
      refused.headers.get('x-sentry-rate-limits') ?? '',
      /^\d+:error;default;security;attachment:key:key_rate_limit$/,
    );
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  });

  it('a project over its quota refuses attachments sent alone, for every key', async () => {
    const project = await server.store.createProject('quota');
    const key = await server.store.createKey(project.id);
    await server.store.updateProject(project.id, { quota: { count: 1, windowSeconds: 3600 } });
    const url = `${server.url}/api/${project.id}/envelope/${authQuery(key.publicKey)}`;
    assert.equal((await post(url, eventEnvelope(nodeErrorEvent(newEventId())))).status, 200);
    const refused = await post(url, attachmentsAlone(newEventId(), 10, 20));
    assert.equal(refused.status, 429);
    assert.match(
      refused.headers.get('x-sentry-rate-limits') ?? '',
      /:error;default;security;attachment:project:project_quota$/,
    );
    // Counted as Sentry counts attachments: in bytes, and in files.
    await until('the refused attachments counted', async () =>
      (await outcomeQuantity(project.id, 'attachment', 'rate_limited')) === 30 ? true : undefined,
    );
    assert.equal(await outcomeQuantity(project.id, 'attachment_item', 'rate_limited'), 2);
  });

  it("counts attachment bytes against the project's hourly allowance: 429 alone, dropped from an event", async () => {
    const project = await server.store.createProject('allowance');
    const key = await server.store.createKey(project.id);
    const url = `${server.url}/api/${project.id}/envelope/${authQuery(key.publicKey)}`;
    const first = newEventId();
    assert.equal((await post(url, attachmentsAlone(first, 300, 300))).status, 200);
    const refused = await post(url, attachmentsAlone(newEventId(), 500));
    assert.equal(refused.status, 429);
    assert.equal(refused.body['code'], 'attachment_quota_exceeded');
    assert.match(
      refused.headers.get('x-sentry-rate-limits') ?? '',
      /^\d+:attachment:project:attachment_quota$/,
    );
    // An event is never refused for its attachments: it is stored without them, and told so.
    const eventId = newEventId();
    const withEvent = await post(url, eventWithAttachments(eventId, 500));
    assert.equal(withEvent.status, 200);
    assert.equal(withEvent.body['id'], eventId);
    assert.match(
      withEvent.headers.get('x-sentry-rate-limits') ?? '',
      /^\d+:attachment:project:attachment_quota$/,
    );
    await server.idle();
    assert.ok(await server.store.getEvent(project.id, eventId));
    assert.deepEqual(await server.store.listAttachments(project.id, eventId), []);
    assert.equal((await server.store.listAttachments(project.id, first)).length, 2);
    await until('the dropped attachments counted', async () =>
      (await outcomeQuantity(project.id, 'attachment', 'rate_limited')) === 1000 ? true : undefined,
    );
    assert.equal(await outcomeQuantity(project.id, 'attachment', 'accepted'), 600);
    // Another project has its own allowance.
    assert.equal(
      (
        await post(
          server.envelopeUrl + authQuery(server.publicKey),
          attachmentsAlone(newEventId(), 500),
        )
      ).status,
      200,
    );
  });
});

describe('an envelope holds a bounded number of items', () => {
  let server: TestServer;
  let url: string;
  before(async () => {
    server = await startTestServer();
    url = server.envelopeUrl + authQuery(server.publicKey);
  });
  after(async () => {
    await server.stop();
  });

  it('more than 100 attachments → 413 too_many_attachments', async () => {
    const response = await post(url, attachmentsAlone(newEventId(), ...Array(101).fill(1)));
    assert.equal(response.status, 413);
    assert.equal(response.body['code'], 'too_many_attachments');
    assert.equal(
      (await post(url, attachmentsAlone(newEventId(), ...Array(100).fill(1)))).status,
      200,
    );
  });

  it('more than 500 items of any type → 413 too_many_items; 300,000 of them, the same', async () => {
    const tiny = (count: number) => Buffer.from(`{}\n${'{"type":"x"}\n{}\n'.repeat(count)}`);
    assert.equal((await post(url, tiny(500))).status, 200);
    for (const count of [501, 300_000]) {
      const response = await post(url, tiny(count));
      assert.equal(response.status, 413, `${count} items`);
      assert.equal(response.body['code'], 'too_many_items');
      assert.match(String(response.body['detail']), /at most 500 items/);
    }
    // The server is still there, digest too.
    const eventId = newEventId();
    assert.equal((await post(url, eventEnvelope(nodeErrorEvent(eventId)))).status, 200);
    await server.idle();
    assert.ok(await server.store.getEvent(server.projectId, eventId));
  });
});
