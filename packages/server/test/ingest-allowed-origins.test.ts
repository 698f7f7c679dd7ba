/**
 * A project's allowed origins, set through the REST API, enforced at ingest on a real server:
 * a browser page elsewhere gets a 403 it can read and nothing is stored; an allowed page and a
 * server-side SDK (no Origin) are accepted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from './helpers/api-client.js';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

describe('ingest: allowed origins', () => {
  let server: TestServer;
  let url: string;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    url = server.envelopeUrl + authQuery(server.publicKey);
    const as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
    };
    // Before any event: ingest has not cached the project yet, so the change applies at once.
    const put = await call(server, 'PUT', `/api/0/projects/${server.projectId}/`, {
      as,
      body: { allowedOrigins: ['https://shop.example'] },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  });
  after(() => server.stop());

  async function send(headers: Record<string, string>, target = url) {
    const eventId = newEventId();
    const result = await post(target, eventEnvelope(nodeErrorEvent(eventId)), headers);
    await server.idle();
    const stored = await server.store.getEvent(server.projectId, eventId);
    return { ...result, stored: stored !== undefined };
  }

  it('refuses a browser on another origin with a 403 the browser can read, storing nothing', async () => {
    const refused = await send({ origin: 'https://evil.test' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body['code'], 'origin_not_allowed');
    assert.match(String(refused.body['detail']), /"https:\/\/evil\.test"/);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    assert.equal(refused.stored, false);
  });

  it("falls back to the Referer's origin, and refuses the opaque origin null", async () => {
    const byReferer = await send({ referer: 'https://evil.test/checkout?cart=1' });
    assert.equal(byReferer.status, 403);
    assert.equal(byReferer.stored, false);
    const opaque = await send({ origin: 'null' });
    assert.equal(opaque.status, 403);
    assert.equal(opaque.stored, false);
  });

  it("checks the origin when the key comes in the envelope's dsn, too", async () => {
    const eventId = newEventId();
    const dsn = `http://${server.publicKey}@127.0.0.1/${server.projectId}`;
    const body = eventEnvelope(nodeErrorEvent(eventId));
    const withDsn = Buffer.concat([
      Buffer.from(`${JSON.stringify({ event_id: eventId, dsn })}\n`),
      body.subarray(body.indexOf('\n') + 1),
    ]);
    const refused = await post(server.envelopeUrl, withDsn, { origin: 'https://evil.test' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body['code'], 'origin_not_allowed');
  });

  it('applies a change at once, though ingest had the project cached', async () => {
    const as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
    };
    const allow = (allowedOrigins: string[]) =>
      call(server, 'PUT', `/api/0/projects/${server.projectId}/`, { as, body: { allowedOrigins } });
    assert.equal((await send({ origin: 'https://shop.example' })).status, 200, 'cached now');
    assert.equal((await allow(['https://other.example'])).status, 200);
    assert.equal((await send({ origin: 'https://shop.example' })).status, 403);
    assert.equal((await allow(['https://shop.example'])).status, 200);
    assert.equal((await send({ origin: 'https://shop.example' })).status, 200);
  });

  it('accepts an allowed origin, and a server-side SDK that sends none', async () => {
    const allowed = await send({ origin: 'https://shop.example' });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.stored, true);
    const fromServer = await send({});
    assert.equal(fromServer.status, 200, JSON.stringify(fromServer.body));
    assert.equal(fromServer.stored, true);
  });
});
