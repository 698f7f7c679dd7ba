/**
 * BodyReader against a real HTTP server and a random mix of requests (every encoding, valid,
 * corrupt, oversized, bombs, aborted mid-body, sent in odd chunks, many at once): each gets the
 * right answer, never a 500, and every byte taken from the budget is given back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { BodyBudget } from '../../src/ingest/body-budget.js';
import { IngestError } from '../../src/ingest/errors.js';
import { BodyReader } from '../../src/ingest/read-body.js';
import { sendIngestError, sendInternalError, sendJson } from '../../src/ingest/respond.js';
import { until } from '../helpers/until.js';
import { startUpload } from '../helpers/upload.js';

const LIMITS = { maxRequestBytes: 256 * 1024, maxInflightBodyBytes: 2 * 1024 * 1024 };

const ENCODERS: Record<string, (data: Buffer) => Buffer> = {
  identity: (data) => data,
  gzip: (data) => zlib.gzipSync(data),
  deflate: (data) => zlib.deflateRawSync(data),
  br: (data) => zlib.brotliCompressSync(data),
};

describe('BodyReader', () => {
  const budget = new BodyBudget(LIMITS.maxInflightBodyBytes);
  let server: http.Server;
  let url: string;
  before(async () => {
    server = http.createServer((request, response) => {
      let reader: BodyReader | undefined;
      void (async () => {
        try {
          reader = BodyReader.open(request, LIMITS, budget);
          const body = await reader.readAll();
          sendJson(response, 200, { length: body.length, sum: checksum(body) });
        } catch (error) {
          if (error instanceof IngestError) sendIngestError(response, error, request);
          else sendInternalError(response, request);
        } finally {
          reader?.release();
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a random mix of requests right and gives every byte back', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const outcomes = new Map<string, number>();
    const send = async () => {
      const encoding = Object.keys(ENCODERS)[Math.floor(random() * 4)]!;
      const size = Math.floor(random() * random() * 400_000);
      const plain = Buffer.alloc(size, 'abcdefgh'.repeat(8) + String(random()));
      let wire = ENCODERS[encoding]!(plain);
      const kind = random();
      let expected: number | undefined = size > LIMITS.maxRequestBytes ? 413 : 200;
      if (kind < 0.15 && encoding !== 'identity' && wire.length > 20) {
        wire = wire.subarray(0, Math.floor(wire.length / 2)); // truncated: never 200
        expected = undefined;
      }
      const abortAt = kind > 0.85 ? Math.floor(random() * wire.length) : undefined;
      const upload = startUpload(
        url,
        encoding === 'identity' ? {} : { 'content-encoding': encoding },
      );
      const chunk = 1 + Math.floor(random() * 70_000);
      for (let at = 0; at < wire.length; at += chunk) {
        if (abortAt !== undefined && at + chunk > abortAt) {
          await upload.write(wire.subarray(at, abortAt));
          upload.abort();
          outcomes.set('aborted', (outcomes.get('aborted') ?? 0) + 1);
          return;
        }
        await upload.write(wire.subarray(at, at + chunk));
      }
      await upload.end();
      const answer = await upload.answer;
      const key = `${answer.status} ${String(answer.body['code'] ?? '')}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      assert.ok(answer.status < 500 || answer.status === 503, key);
      if (expected === 200 && answer.status === 200) {
        assert.deepEqual(answer.body, { length: size, sum: checksum(plain) });
      } else if (expected !== undefined && answer.status !== 503) {
        assert.equal(answer.status, expected, `${encoding}, ${size} bytes: ${key}`);
      } else if (expected === undefined) {
        assert.notEqual(answer.status, 200, `a truncated ${encoding} body was accepted`);
      }
    };
    const workers = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 25; i++) await send();
    });
    await Promise.all(workers);
    await until('every byte to be given back to the budget', () => budget.used === 0);
    assert.ok((outcomes.get('200 ') ?? 0) > 50, JSON.stringify([...outcomes]));
    assert.ok((outcomes.get('aborted') ?? 0) > 10, JSON.stringify([...outcomes]));
  });
});

function checksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 97) sum = (sum * 31 + bytes[i]!) >>> 0;
  return sum;
}
