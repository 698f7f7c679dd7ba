/**
 * A real node:http server that records the envelopes it receives (gunzipped and parsed with
 * @faultline/protocol) and answers what the test tells it to.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { parseEnvelope } from '@faultline/protocol';
import type { Envelope } from '@faultline/protocol';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
}

export interface CapturedRequest {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  envelope: Envelope;
}

export interface CaptureServer {
  dsn: string;
  requests: CapturedRequest[];
  reply: (request: CapturedRequest) => Reply;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const capture: CaptureServer = {
    dsn: '',
    requests,
    reply: () => ({ status: 200 }),
    async waitForRequests(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`got ${requests.length} of ${count} requests`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const request = { headers: req.headers, body, envelope: parseEnvelope(body) };
      requests.push(request);
      const reply = capture.reply(request);
      res.writeHead(reply.status, reply.headers).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  capture.dsn = `http://public@127.0.0.1:${port}/7`;
  return capture;
}

/** The JSON payload of the first item of the given type. */
export function itemJson(envelope: Envelope, type: string): Record<string, unknown> | undefined {
  const item = envelope.items.find((candidate) => candidate.headers.type === type);
  return item === undefined
    ? undefined
    : (JSON.parse(new TextDecoder().decode(item.payload)) as Record<string, unknown>);
}
