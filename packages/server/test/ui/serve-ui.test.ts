/**
 * The server hands out the built UI: the right file with the right type and caching, the app's
 * page for its own routes, never a file outside the build, and the strict CSP on every answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileFor, UI_CONTENT_SECURITY_POLICY } from '../../src/web/serve-ui.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { WEB_DIST_DIR } from './browser.js';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** A GET with the path exactly as written: fetch would normalize `..` away before sending. */
function rawGet(
  server: { port: number },
  rawPath: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET' },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('serving the web UI', () => {
  let server: TestServer;
  let index: string;
  before(async () => {
    index = fs.readFileSync(path.join(WEB_DIST_DIR, 'index.html'), 'utf8');
    server = await startTestServer();
  });
  after(() => server.stop());

  it('builds an index.html without inline script or style (what the CSP would block)', () => {
    const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 1, 'the app is loaded by a script tag');
    for (const [, attributes, body] of scripts) {
      assert.match(attributes!, /\bsrc="\/assets\/[^"]+\.js"/, 'every script is a file');
      assert.equal(body!.trim(), '', 'no inline script');
    }
    assert.doesNotMatch(index, /<style\b/i);
    assert.doesNotMatch(index, /\sstyle=/i);
    assert.doesNotMatch(index, /\son[a-z]+=/i, 'no inline event handlers');
  });

  it("keeps the app's JS within 300 KB gzipped", () => {
    const assets = path.join(WEB_DIST_DIR, 'assets');
    const gzipped = fs
      .readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .reduce((sum, name) => sum + gzipSync(fs.readFileSync(path.join(assets, name))).length, 0);
    assert.ok(gzipped > 0);
    assert.ok(gzipped <= 300 * 1024, `${Math.round(gzipped / 1024)} KB gzipped`);
  });

  it('serves / as the app with the strict CSP and no caching of the page', async () => {
    assert.equal(UI_CONTENT_SECURITY_POLICY, EXPECTED_CSP);
    const response = await fetch(`${server.url}/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), EXPECTED_CSP);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(await response.text(), index);

    const etag = response.headers.get('etag')!;
    const again = await fetch(`${server.url}/`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('serves hashed assets as immutable with their content type', async () => {
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    const style = /href="(\/assets\/[^"]+\.css)"/.exec(index)![1]!;
    const js = await fetch(server.url + script);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(js.headers.get('content-security-policy'), EXPECTED_CSP);
    await js.arrayBuffer();
    const css = await fetch(server.url + style);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    await css.arrayBuffer();
    const head = await fetch(server.url + script, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(
      head.headers.get('content-length'),
      String(fs.statSync(path.join(WEB_DIST_DIR, script)).size),
    );
  });

  it("answers the app's own routes with index.html, but a missing asset with 404", async () => {
    for (const route of ['/issues/12/', '/projects/1/issues/?query=is:resolved', '/login']) {
      const response = await fetch(server.url + route);
      assert.equal(response.status, 200, route);
      assert.equal(await response.text(), index, route);
    }
    const stale = await fetch(`${server.url}/assets/index-0ld0ld.js`);
    assert.equal(stale.status, 404);
    assert.equal(stale.headers.get('content-type'), 'text/plain; charset=utf-8');
    await stale.arrayBuffer();
  });

  it('never serves a file outside the build, however the path is written', async () => {
    const secret = fs.readFileSync(path.join(WEB_DIST_DIR, '..', 'package.json'), 'utf8');
    for (const attempt of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/%00',
      '/.%2e/.%2e/.%2e/.%2e/etc/passwd',
    ]) {
      const response = await rawGet(server, attempt);
      assert.notEqual(response.body, secret, attempt);
      assert.doesNotMatch(response.body, /root:x:0:0/, attempt);
      assert.ok(
        response.status === 404 || response.body === index,
        `${attempt}: ${response.status}`,
      );
    }
    const root = '/srv/ui';
    assert.equal(fileFor(root, '/assets/a.js'), '/srv/ui/assets/a.js');
    assert.equal(fileFor(root, '/'), '/srv/ui');
    assert.equal(fileFor(root, '/a/../../etc/passwd'), undefined);
    assert.equal(fileFor(root, '/%2e%2e/etc/passwd'), undefined);
    assert.equal(fileFor(root, '/.env'), undefined);
    assert.equal(fileFor(root, '/%E0%A4%A'), undefined);
  });

  it('leaves the API, ingest and operations paths to their handlers', async () => {
    const api = await fetch(`${server.url}/api/0/projects/`);
    assert.equal(api.status, 401);
    assert.match(api.headers.get('content-type')!, /^application\/json/);
    await api.arrayBuffer();
    const unknownApi = await fetch(`${server.url}/api/nothing-here`);
    assert.equal(unknownApi.status, 404);
    assert.match(unknownApi.headers.get('content-type')!, /^application\/json/);
    await unknownApi.arrayBuffer();
    const health = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const post = await fetch(`${server.url}/`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 404);
    await post.arrayBuffer();
  });
});

describe('serving the web UI before it is built', () => {
  let server: TestServer;
  const empty = makeTempDir('faultline-no-ui-');
  before(async () => {
    server = await startTestServer({ uiDir: path.join(empty.dir, 'dist') });
  });
  after(async () => {
    await server.stop();
    empty.cleanup();
  });

  it('says to run npm run build', async () => {
    const response = await fetch(`${server.url}/`);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(await response.text(), /run `npm run build`/);
    const api = await fetch(`${server.url}/api/0/projects/`);
    assert.equal(api.status, 401, 'the API works all the same');
    await api.arrayBuffer();
  });
});
