/**
 * Corrupt or truncated compressed bodies, in every encoding ingest accepts, are the client's
 * fault: 400 compression_invalid (or, when the damage happens to decompress, whatever the
 * decompressed bytes deserve), never a 5xx. Brotli's errors carry no `Z_` code and were 500s.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

const zstd = (zlib as unknown as { zstdCompressSync?: (data: Buffer) => Buffer }).zstdCompressSync;

type Compress = (data: Buffer) => Buffer;

const ENCODINGS: Array<[label: string, encoding: string, compress: Compress]> = [
  ['gzip', 'gzip', (data) => zlib.gzipSync(data)],
  ['x-gzip', 'x-gzip', (data) => zlib.gzipSync(data)],
  ['deflate (zlib)', 'deflate', (data) => zlib.deflateSync(data)],
  ['deflate (raw)', 'deflate', (data) => zlib.deflateRawSync(data)],
  ['br', 'br', (data) => zlib.brotliCompressSync(data)],
  ...(zstd ? [['zstd', 'zstd', zstd] as [string, string, Compress]] : []),
];

/** Deterministic damage: truncations, flipped bytes, garbage appended, bytes dropped. */
function corruptions(compressed: Buffer, count: number): Buffer[] {
  let seed = compressed.length;
  const next = (limit: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  const out: Buffer[] = [Buffer.alloc(0), Buffer.from('not compressed at all')];
  for (let i = 0; out.length < count; i++) {
    const at = next(compressed.length);
    const copy = Buffer.from(compressed);
    switch (i % 4) {
      case 0:
        out.push(compressed.subarray(0, at));
        break;
      case 1:
        copy[at] = copy[at]! ^ (1 + next(255));
        out.push(copy);
        break;
      case 2:
        out.push(Buffer.concat([compressed, Buffer.from([next(256), next(256), next(256)])]));
        break;
      default:
        out.push(
          Buffer.concat([compressed.subarray(0, at), compressed.subarray(at + 1 + next(8))]),
        );
    }
  }
  return out;
}

describe('corrupt compressed bodies', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  for (const [label, encoding, compress] of ENCODINGS) {
    it(`${label}: never a 5xx, and a valid body is accepted`, async () => {
      const valid = compress(eventEnvelope(nodeErrorEvent(newEventId())));
      const ok = await post(server.envelopeUrl + authQuery(server.publicKey), valid, {
        'content-encoding': encoding,
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));

      const statuses = new Map<string, number>();
      for (const body of corruptions(compress(eventEnvelope(nodeErrorEvent(newEventId()))), 120)) {
        const response = await post(server.envelopeUrl + authQuery(server.publicKey), body, {
          'content-encoding': encoding,
        });
        const key = `${response.status} ${String(response.body['code'] ?? '')}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        assert.ok(response.status < 500, `${key}: ${JSON.stringify(response.body)}`);
      }
      const invalid = statuses.get('400 compression_invalid') ?? 0;
      assert.ok(invalid >= 30, `statuses: ${JSON.stringify([...statuses])}`);
    });
  }
});
