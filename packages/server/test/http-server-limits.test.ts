/**
 * The HTTP server puts a clock on slow clients and a cap on connections, and clients that give
 * up mid-request are their own problem: no error-level log line, no 500, the server stays up.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { pino } from 'pino';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';
import { until } from './helpers/until.js';
import { startUpload } from './helpers/upload.js';

interface LogLine {
  level: number;
  msg: string;
  kind?: string;
}

const ERROR_LEVEL = 50;

function connect(server: TestServer): Promise<net.Socket> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes `piece` every 100 ms until the server closes the socket; how many were written. */
async function trickle(socket: net.Socket, piece: string, maxPieces: number): Promise<number> {
  let closed = false;
  socket.on('error', () => {});
  socket.once('close', () => (closed = true));
  for (let written = 0; written < maxPieces; written++) {
    if (closed) return written;
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  socket.destroy();
  throw new Error(`the server still listened after ${maxPieces} pieces`);
}

describe('slow and numerous clients', () => {
  let server: TestServer;
  const lines: LogLine[] = [];
  before(async () => {
    server = await startTestServer({
      http: {
        headersTimeoutMs: 500,
        requestTimeoutMs: 1000,
        timeoutCheckIntervalMs: 100,
        maxConnections: 20,
      },
      logger: pino(
        { level: 'info' },
        { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
      ),
    });
  });
  after(async () => {
    await server.stop();
  });

  it('a client trickling its headers is cut off', async () => {
    const socket = await connect(server);
    socket.write(`POST /api/${server.projectId}/envelope/ HTTP/1.1\r\nHost: x\r\n`);
    // 100 pieces at 100 ms: 10 s, far past the 0.5 s headers timeout.
    await trickle(socket, 'X-Slow: still coming\r\n', 100);
  });

  it('a client trickling its body is cut off, and that is no error in the log', async () => {
    const socket = await connect(server);
    socket.write(
      `POST /api/${server.projectId}/envelope/${authQuery(server.publicKey)} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n`,
    );
    await trickle(socket, '{', 100);
    assert.deepEqual(
      lines.filter((line) => line.level >= ERROR_LEVEL),
      [],
    );
  });

  it('a client that aborts mid-body costs no error-level log line, and the server goes on', async () => {
    for (let round = 0; round < 5; round++) {
      const upload = startUpload(server.envelopeUrl + authQuery(server.publicKey));
      await upload.write(eventEnvelope(nodeErrorEvent(newEventId())).subarray(0, 500));
      upload.abort();
    }
    await until('the aborts to be logged', () =>
      lines.some((line) => line.kind === 'request_aborted'),
    );
    assert.deepEqual(
      lines.filter((line) => line.level >= ERROR_LEVEL),
      [],
    );
    // Counted, not a line each (the counts come with the next interval's line).
    assert.equal(lines.filter((line) => line.kind === 'request_aborted').length, 1);
    const response = await post(
      server.envelopeUrl + authQuery(server.publicKey),
      eventEnvelope(nodeErrorEvent(newEventId())),
    );
    assert.equal(response.status, 200);
  });

  it('an idle keep-alive connection outlives the headers timeout', async () => {
    const socket = await connect(server);
    const get = () =>
      new Promise<string>((resolve, reject) => {
        socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
        socket.once('close', () => reject(new Error('the server closed the idle connection')));
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      });
    assert.match(await get(), /^HTTP\/1\.1 200/);
    // Three headers timeouts (and many checks) pass while the connection is idle.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.match(await get(), /^HTTP\/1\.1 200/);
    socket.destroy();
  });

  it(
    'connections past the cap are closed at once; those within it are served',
    { timeout: 10_000 },
    async () => {
      const sockets = await Promise.all(Array.from({ length: 20 }, () => connect(server)));
      const extra = await connect(server);
      await new Promise<void>((resolve) => {
        extra.on('error', () => {});
        extra.once('close', () => resolve());
      });
      const first = sockets[0]!;
      const answer = new Promise<string>((resolve) =>
        first.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
      );
      first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.match(await answer, /^HTTP\/1\.1 200/);
      for (const socket of sockets) socket.destroy();
      assert.equal(lines.filter((line) => line.kind === 'connection_dropped').length, 1);
    },
  );
});
