/**
 * The access log on a real server: one info line per API request with its route pattern,
 * status, duration and request id, and nothing secret (passwords, tokens, cookies, query strings).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
}

describe('API access log', () => {
  const written: string[] = [];
  let server: TestServer;
  let session: { cookie: string; csrfToken: string };
  let token: string;

  before(async () => {
    server = await startTestServer({
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      logger: pino({ level: 'info' }, { write: (line: string) => written.push(line) }),
    });
    session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    token = await createToken(server, session, 'admin');
  });
  after(() => server.stop());

  /** The response is sent before its 'close' event logs it: wait a moment for the line. */
  async function accessLine(requestId: string): Promise<LogLine> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const line = written
        .map((text) => JSON.parse(text) as LogLine)
        .find((entry) => entry.msg === 'API request' && entry.requestId === requestId);
      if (line !== undefined) return line;
      await sleep(20);
    }
    assert.fail(`no access log line for request ${requestId}`);
  }

  it('logs method, route pattern, status, duration and request id at info', async () => {
    const path = `/api/0/projects/${server.projectId}/issues/?query=${encodeURIComponent('user.email:secret@example.com')}`;
    const response = await call(server, 'GET', path, { as: { token } });
    assert.equal(response.status, 200);
    const line = await accessLine(response.headers.get('x-request-id')!);
    assert.equal(line.level, 30);
    assert.equal(line.method, 'GET');
    assert.equal(line.route, '/api/0/projects/:projectId/issues/');
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, 'number');
  });

  it('logs refusals and unknown paths, keeping a proxy-given request id', async () => {
    const refused = await call(server, 'GET', '/api/0/projects/', {
      headers: { 'x-request-id': 'edge-42' },
    });
    assert.equal(refused.status, 401);
    const refusal = await accessLine('edge-42');
    assert.equal(refusal.route, '/api/0/projects/');
    assert.equal(refusal.status, 401);
    const unknown = await call(server, 'GET', '/api/0/no-such-thing/');
    assert.equal(unknown.status, 404);
    const line = await accessLine(unknown.headers.get('x-request-id')!);
    assert.equal(line.route, 'unmatched');
    assert.equal(line.status, 404);
  });

  it('never writes passwords, tokens, cookies or query strings', async () => {
    await call(server, 'GET', `/api/0/projects/?secret=hunter2`, { as: session });
    const log = written.join('');
    assert.ok(log.includes('"route":"/api/0/auth/login/"'), 'the login was logged');
    for (const secret of [
      ADMIN_PASSWORD,
      token,
      session.cookie.split('=')[1]!,
      session.csrfToken,
      'hunter2',
      'secret@example.com',
    ]) {
      assert.ok(!log.includes(secret), `the log leaks ${secret.slice(0, 6)}…`);
    }
  });
});
