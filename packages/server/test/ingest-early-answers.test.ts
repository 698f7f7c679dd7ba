/**
 * Ingest refuses what it can before reading a body, and answers so the client can read the
 * refusal: a stranger's body is never read (or inflated) past its first line, an oversized
 * upload gets a readable 413 (not a reset), bodies in flight share a memory budget past which
 * the answer is 503 with Retry-After, and malformed keys never reach a lookup.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  authQuery,
  envelope,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from './helpers/envelopes.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';
import { until } from './helpers/until.js';
import { sendWholeThenRead, startUpload } from './helpers/upload.js';

const MiB = 1024 * 1024;
// A test that waits for an answer the old code only gave after the whole body: fail, don't hang.
const ANSWERS_EARLY = { timeout: 20_000 };

/** An envelope whose event carries `padding` bytes of message, split where the test pauses. */
function paddedEnvelope(padding: number, headers: Record<string, unknown> = {}): Buffer {
  const eventId = newEventId();
  return envelope({ event_id: eventId, ...headers }, [
    {
      headers: { type: 'event' },
      payload: JSON.stringify({ event_id: eventId, message: 'x'.repeat(padding) }),
    },
  ]);
}

async function writeInChunks(
  upload: ReturnType<typeof startUpload>,
  body: Buffer,
  chunkSize = 64 * 1024,
): Promise<void> {
  for (let at = 0; at < body.length; at += chunkSize) {
    await upload.write(body.subarray(at, at + chunkSize));
  }
}

describe('over the size limit, the client reads the 413', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ limits: { maxRequestBytes: 1 * MiB } });
  });
  after(async () => {
    await server.stop();
  });

  it('with a declared Content-Length, written whole before the answer is read', async () => {
    const body = paddedEnvelope(4 * MiB);
    const upload = startUpload(server.envelopeUrl + authQuery(server.publicKey), {
      'content-length': body.length,
    });
    await upload.end(body);
    const answer = await upload.answer;
    assert.equal(answer.status, 413);
    assert.equal(answer.body['code'], 'body_too_large');
    assert.equal(answer.headers['connection'], 'close');
  });

  it('by a client that writes the whole body before it reads', async () => {
    const url = server.envelopeUrl + authQuery(server.publicKey);
    for (let round = 0; round < 3; round++) {
      const body = paddedEnvelope(8 * MiB);
      const answer = await sendWholeThenRead(url, { 'content-length': body.length }, body);
      assert.equal(answer.status, 413);
      assert.equal(answer.body['code'], 'body_too_large');
      const chunked = await sendWholeThenRead(
        url,
        { 'transfer-encoding': 'chunked' },
        Buffer.concat([
          Buffer.from(`${body.length.toString(16)}\r\n`),
          body,
          Buffer.from('\r\n0\r\n\r\n'),
        ]),
      );
      assert.equal(chunked.status, 413);
      assert.equal(chunked.body['code'], 'body_too_large');
    }
  });

  it('with fetch (undici), as the Node SDKs send', async () => {
    for (let round = 0; round < 3; round++) {
      const response = await post(
        server.envelopeUrl + authQuery(server.publicKey),
        paddedEnvelope(4 * MiB),
      );
      assert.equal(response.status, 413);
      assert.equal(response.body['code'], 'body_too_large');
    }
  });

  it('with a chunked body', async () => {
    const upload = startUpload(server.envelopeUrl + authQuery(server.publicKey));
    await writeInChunks(upload, paddedEnvelope(3 * MiB));
    await upload.end();
    const answer = await upload.answer;
    assert.equal(answer.status, 413);
    assert.equal(answer.body['code'], 'body_too_large');
  });

  it('with a body that decompresses past the limit while it is still uploading', async () => {
    // Two gzip members: the first inflates past the limit at once, the second is 600 KB of
    // incompressible bytes still on their way when the server has its answer.
    const body = Buffer.concat([gzipSync(Buffer.alloc(2 * MiB)), gzipSync(randomBytes(600_000))]);
    assert.ok(body.length < MiB);
    const upload = startUpload(server.envelopeUrl + authQuery(server.publicKey), {
      'content-encoding': 'gzip',
      'content-length': body.length,
    });
    await upload.end(body);
    const answer = await upload.answer;
    assert.equal(answer.status, 413);
    assert.equal(answer.body['code'], 'decompressed_too_large');
  });

  it('still accepts events on the same server afterwards', async () => {
    const response = await post(
      server.envelopeUrl + authQuery(server.publicKey),
      eventEnvelope(nodeErrorEvent(newEventId())),
    );
    assert.equal(response.status, 200);
  });
});

describe('strangers are refused before their body is read', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  /** Sends the start of a body, then waits for the answer before sending the rest. */
  async function answerBeforeEnd(url: string, start: Buffer, headers: Record<string, string> = {}) {
    const upload = startUpload(url, headers);
    await upload.write(start);
    const answer = await upload.answer;
    await upload.end(Buffer.alloc(1024, 0x20));
    return answer;
  }

  it('an unknown project, with a valid key', ANSWERS_EARLY, async () => {
    const answer = await answerBeforeEnd(
      `${server.url}/api/999/envelope/${authQuery(server.publicKey)}`,
      paddedEnvelope(200_000).subarray(0, 100_000),
    );
    assert.equal(answer.status, 403);
    assert.equal(answer.body['code'], 'project_unknown');
  });

  it('an unknown project, with no key at all', ANSWERS_EARLY, async () => {
    const answer = await answerBeforeEnd(
      `${server.url}/api/999/envelope/`,
      gzipSync(paddedEnvelope(200_000)).subarray(0, 1000),
      { 'content-encoding': 'gzip' },
    );
    assert.equal(answer.status, 403);
    assert.equal(answer.body['code'], 'project_unknown');
  });

  it('an unknown key in the query string', ANSWERS_EARLY, async () => {
    const answer = await answerBeforeEnd(
      server.envelopeUrl + authQuery('0123456789abcdef0123456789abcdef'),
      paddedEnvelope(200_000).subarray(0, 100_000),
    );
    assert.equal(answer.status, 401);
    assert.equal(answer.body['code'], 'key_unknown');
  });

  it(
    "an unknown key in the envelope header's dsn: refused after the first line",
    ANSWERS_EARLY,
    async () => {
      const dsn = `http://0123456789abcdef0123456789abcdef@localhost/${server.projectId}`;
      const answer = await answerBeforeEnd(
        server.envelopeUrl,
        gzipSync(paddedEnvelope(2 * MiB, { dsn })).subarray(0, 20_000),
        { 'content-encoding': 'gzip' },
      );
      assert.equal(answer.status, 401);
      assert.equal(answer.body['code'], 'key_unknown');
    },
  );

  it('no key and a first line longer than 64 KiB', ANSWERS_EARLY, async () => {
    const answer = await answerBeforeEnd(server.envelopeUrl, Buffer.alloc(200_000, 0x20));
    assert.equal(answer.status, 400);
    assert.equal(answer.body['code'], 'envelope_header_too_large');
  });

  it('no key and compressed data that inflates to nothing for long', ANSWERS_EARLY, async () => {
    // Many empty gzip members: valid, endless, and never a first line.
    const empty = gzipSync(Buffer.alloc(0));
    const answer = await answerBeforeEnd(
      server.envelopeUrl,
      Buffer.concat(Array.from({ length: Math.ceil(300_000 / empty.length) }, () => empty)),
      { 'content-encoding': 'gzip' },
    );
    assert.equal(answer.status, 400);
    assert.equal(answer.body['code'], 'envelope_header_too_large');
  });

  it('a key in the dsn alone is still enough to send an event', async () => {
    const eventId = newEventId();
    const dsn = `http://${server.publicKey}@localhost/${server.projectId}`;
    const body = envelope({ event_id: eventId, dsn }, [
      { headers: { type: 'event' }, payload: JSON.stringify(nodeErrorEvent(eventId)) },
    ]);
    for (const [encoding, bytes] of [
      ['identity', body],
      ['gzip', gzipSync(body)],
    ] as const) {
      const response = await post(server.envelopeUrl, bytes, { 'content-encoding': encoding });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
  });

  it('malformed keys are refused before any lookup, wherever they come', async () => {
    const huge = 'a'.repeat(60_000);
    const dsnBody = paddedEnvelope(10, { dsn: `http://${huge}@localhost/${server.projectId}` });
    const answers = [
      await post(server.envelopeUrl, dsnBody),
      await post(server.envelopeUrl + authQuery('k'.repeat(65)), paddedEnvelope(10)),
      await post(server.envelopeUrl + authQuery('not+a%20key'), paddedEnvelope(10)),
      await post(server.envelopeUrl, paddedEnvelope(10), {
        // Node itself refuses headers over 16 KiB (431): a long key that fits.
        'x-sentry-auth': `Sentry sentry_key=${'a'.repeat(4000)}, sentry_version=7`,
      }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 401, JSON.stringify(answer.body).slice(0, 200));
      assert.equal(answer.body['code'], 'key_invalid');
      // The refusal doesn't echo the key back.
      assert.ok(String(answer.body['detail']).length < 200);
    }
  });
});

describe('bodies in flight share a memory budget', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ limits: { maxInflightBodyBytes: 256 * 1024 } });
  });
  after(async () => {
    await server.stop();
  });

  it(
    'past it, 503 ingest_busy with Retry-After; the budget comes back after',
    ANSWERS_EARLY,
    async () => {
      const url = server.envelopeUrl + authQuery(server.publicKey);
      const bodies = [paddedEnvelope(200_000), paddedEnvelope(200_000)];
      const uploads = bodies.map(() => startUpload(url));
      // Both hold all but their last bytes: together they are over the budget.
      await Promise.all(
        uploads.map((upload, i) => writeInChunks(upload, bodies[i]!.subarray(0, -10))),
      );
      const refused = await Promise.race(uploads.map((upload) => upload.answer));
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.body['code'], 'ingest_busy');
      assert.ok(Number(refused.headers['retry-after']) > 0);
      await Promise.all(uploads.map((upload, i) => upload.end(bodies[i]!.subarray(-10))));
      const statuses = (await Promise.all(uploads.map((upload) => upload.answer))).map(
        (a) => a.status,
      );
      assert.ok(statuses.includes(503), String(statuses));

      // Refused, accepted and aborted requests all give their bytes back: once the server has
      // seen the abort, a body of most of the budget is accepted, again and again.
      const aborted = startUpload(url);
      await aborted.write(paddedEnvelope(100_000).subarray(0, 100_000));
      aborted.abort();
      await until(
        'the aborted upload to be let go',
        async () => (await post(url, paddedEnvelope(200_000))).status === 200,
      );
      for (let round = 0; round < 3; round++) {
        const response = await post(url, paddedEnvelope(200_000));
        assert.equal(response.status, 200, JSON.stringify(response.body));
      }
    },
  );

  it('a refused body that is still arriving holds none of it', ANSWERS_EARLY, async () => {
    const url = server.envelopeUrl + authQuery(server.publicKey);
    const dsn = `http://0123456789abcdef0123456789abcdef@localhost/${server.projectId}`;
    const strangerBody = paddedEnvelope(150_000, { dsn });
    // A raw socket: node:http's client would stop sending once the answer said Connection: close.
    const stranger = net.connect(Number(new URL(url).port), '127.0.0.1');
    const received: Buffer[] = [];
    stranger.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise((resolve) => stranger.once('close', resolve));
    stranger.write(
      `POST ${new URL(server.envelopeUrl).pathname} HTTP/1.1\r\nHost: x\r\nContent-Length: ${strangerBody.length}\r\n\r\n`,
    );
    stranger.write(strangerBody.subarray(0, 20_000));
    await until('the refusal', () =>
      /"code":"key_unknown"/.test(Buffer.concat(received).toString()),
    );
    // The server closes the connection once it has read the rest and thrown it away.
    stranger.end(strangerBody.subarray(20_000));
    await closed;
    // None of those 130 KB is held: a sender with a key can use most of the budget.
    for (let round = 0; round < 3; round++) {
      const response = await post(url, paddedEnvelope(200_000));
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
  });
});
