import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import * as Faultline from '../src/index.js';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';

type Json = Record<string, any>;

async function serve(listener: http.RequestListener): Promise<{ url: string; close(): void }> {
  const server = http.createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

test('sendDefaultPii sends cookies, credentials and the client IP; shouldHandleError overrides the 5xx rule', async () => {
  const capture = await startCaptureServer();
  Faultline.init({ dsn: capture.dsn, sendDefaultPii: true });
  const app = await serve(
    Faultline.httpErrorHandler(
      () => {
        throw Object.assign(new Error('gone'), { status: 410 });
      },
      { shouldHandleError: (_error, status) => status >= 400 },
    ),
  );
  try {
    const response = await fetch(`${app.url}/things/1?page=2`, {
      headers: { authorization: 'Bearer T', cookie: 'sid=S', 'x-api-key': 'K' },
    });
    assert.equal(response.status, 410);
    await Faultline.flush(2000);
    const event = itemJson(capture.requests[0]!.envelope, 'event') as Json;
    assert.equal(event['request'].query_string, 'page=2');
    assert.equal(event['request'].cookies, 'sid=S');
    assert.equal(event['request'].headers['authorization'], 'Bearer T');
    assert.equal(event['request'].headers['x-api-key'], 'K');
    assert.equal(event['user'].ip_address, '127.0.0.1');
    assert.equal(event['exception'].values.at(-1).mechanism.type, 'auto.http.node');
  } finally {
    app.close();
    await Faultline.close(500);
    await capture.close();
  }
});

test('the same error is reported once, even when two handlers see it', async () => {
  const capture = await startCaptureServer();
  Faultline.init({ dsn: capture.dsn });
  const error = new Error('seen twice');
  const inner = Faultline.httpErrorHandler(() => {
    throw error;
  });
  const app = await serve(
    Faultline.httpErrorHandler((req, res) => {
      inner(req, res);
      throw error;
    }),
  );
  try {
    await fetch(app.url);
    await Faultline.flush(2000);
    assert.equal(capture.requests.length, 1);
  } finally {
    app.close();
    await Faultline.close(500);
    await capture.close();
  }
});
