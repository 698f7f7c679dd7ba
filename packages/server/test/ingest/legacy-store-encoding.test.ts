/**
 * The raven-era /store/ encoding, base64 of zlib-deflated JSON with no Content-Encoding: sent by
 * the real raven-node 2.6 client, and by hand for the shapes the other raven clients use (raw
 * deflate, line-wrapped base64, sentry_version 4 and 5) and for what must still be refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';
import type { SentryEvent } from '@faultline/protocol';
import { newEventId, nodeErrorEvent, post } from '../helpers/envelopes.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-process.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

function ravenAuth(publicKey: string, version: number): Record<string, string> {
  return {
    'content-type': 'application/octet-stream',
    'x-sentry-auth': `Sentry sentry_version=${version}, sentry_client=raven-test/1.0, sentry_timestamp=1700000000, sentry_key=${publicKey}`,
  };
}

describe('the legacy base64 + zlib /store/ encoding', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ limits: { maxEventBytes: 64 * 1024 } });
  });
  after(async () => {
    await server.stop();
  });

  it('stores what raven-node 2.6 (npm raven) sends', async () => {
    const run = await runProcess(process.execPath, [
      path.join(FIXTURES_DIR, 'raven-node-app.cjs'),
      server.dsn,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const { eventId, error } = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      eventId: string;
      error: string | null;
    };
    assert.equal(error, null, 'raven reports no send error');
    await server.idle();
    const stored = await server.store.getEvent(server.projectId, eventId);
    assert.ok(stored, `event ${eventId} is stored`);
    const event = stored.event as unknown as SentryEvent;
    assert.equal(event.exception?.values[0]?.value, 'raven legacy encoding reaches faultline');
    assert.ok(
      event.exception?.values[0]?.stacktrace?.frames?.some((f) => f.function === 'failingHandler'),
      'the frames survive',
    );
  });

  it('stores zlib and raw deflate, line-wrapped base64, with sentry_version 4 and 5', async () => {
    const cases = [
      { version: 4, encode: (json: Buffer) => deflateSync(json).toString('base64') },
      { version: 5, encode: (json: Buffer) => deflateRawSync(json).toString('base64') },
      {
        version: 5,
        // Ruby's Base64.encode64 breaks lines every 60 characters.
        encode: (json: Buffer) => deflateSync(json).toString('base64').replace(/.{60}/g, '$&\n'),
      },
    ];
    for (const { version, encode } of cases) {
      const eventId = newEventId();
      const json = Buffer.from(JSON.stringify(nodeErrorEvent(eventId)));
      const response = await post(
        server.storeUrl,
        encode(json),
        ravenAuth(server.publicKey, version),
      );
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body['id'], eventId);
      await server.idle();
      assert.ok(await server.store.getEvent(server.projectId, eventId), `${eventId} stored`);
    }
  });

  it('refuses what is neither JSON nor the legacy encoding, and a bomb, precisely', async () => {
    const auth = ravenAuth(server.publicKey, 7);
    const notDeflate = await post(
      server.storeUrl,
      Buffer.from('hello world').toString('base64'),
      auth,
    );
    assert.equal(notDeflate.status, 400);
    assert.equal(notDeflate.body['code'], 'legacy_body_invalid');
    assert.match(String(notDeflate.body['detail']), /base64 of zlib-deflated JSON/);

    // 64 KiB is this server's event limit: 10 MiB of zeros deflate to about 10 KB.
    const bomb = deflateSync(Buffer.alloc(10 * 1024 * 1024)).toString('base64');
    const refused = await post(server.storeUrl, bomb, auth);
    assert.equal(refused.status, 413);
    assert.equal(refused.body['code'], 'decompressed_too_large');

    const inflatesToGarbage = deflateSync(Buffer.from('{"message" "x"}')).toString('base64');
    const invalid = await post(server.storeUrl, inflatesToGarbage, auth);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body['code'], 'json_invalid');

    // Plain JSON that is not an object still says so, as before.
    const array = await post(server.storeUrl, '[1,2]', auth);
    assert.equal(array.status, 400);
    assert.equal(array.body['code'], 'event_not_object');
  });
});
