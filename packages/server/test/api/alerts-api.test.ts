/**
 * The alerts API: channels keep their secrets (shown masked, kept when a change leaves them
 * out), rules are validated with the field named, and "send test notification" really sends.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('alerts API', () => {
  let server: TestServer;
  let token: string;
  const hooks: Array<{ body: any; headers: Record<string, unknown> }> = [];
  let hookStatus = 200;
  const receiver = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      hooks.push({ body: { raw: text, ...JSON.parse(text) }, headers: request.headers });
      response.writeHead(hookStatus).end();
    });
  });
  let hookUrl: string;
  const api = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { as: { token }, ...(body === undefined ? {} : { body }) });

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin');
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/secret-token-abcd`;
  });
  after(async () => {
    await server.stop();
    receiver.close();
  });

  it('shows channel secrets masked, keeps them through a change, and test-sends', async () => {
    const base = `/api/0/projects/${server.projectId}/alert-channels/`;
    const created = await api('POST', base, {
      name: 'hook',
      config: { kind: 'webhook', url: hookUrl, secret: 'signing secret' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const shown = JSON.stringify(created.body);
    assert.doesNotMatch(shown, /signing secret/);
    assert.doesNotMatch(shown, /secret-token-ab/);
    assert.equal(created.body.config.secretSet, true);

    const renamed = await api('PUT', `${base}${created.body.id}/`, { name: 'renamed' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'renamed');

    const test = await api('POST', `${base}${created.body.id}/test/`);
    assert.equal(test.status, 200, JSON.stringify(test.body));
    assert.deepEqual(test.body, { ok: true, detail: 'HTTP 200' });
    const [hook] = hooks;
    assert.equal(hook!.body.test, true);
    // Signed with the secret kept from creation: the receiver can check it.
    const timestamp = String(hook!.headers['x-faultline-timestamp']);
    const expected = createHmac('sha256', 'signing secret')
      .update(`${timestamp}.${hook!.body.raw}`)
      .digest('hex');
    assert.equal(hook!.headers['x-faultline-signature'], `sha256=${expected}`);

    hookStatus = 404;
    const refused = await api('POST', `${base}${created.body.id}/test/`);
    assert.equal(refused.body.ok, false);
    assert.match(refused.body.detail, /^HTTP 404/);
    hookStatus = 200;
  });

  it('validates rules, naming the field at fault', async () => {
    const base = `/api/0/projects/${server.projectId}/alert-rules/`;
    const other = await call(server, 'POST', '/api/0/projects/', {
      as: {
        token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
      },
      body: { name: 'elsewhere' },
    });
    const foreignChannel = await api('POST', `/api/0/projects/${other.body.id}/alert-channels/`, {
      name: 'theirs',
      config: { kind: 'slack', url: 'https://hooks.slack.test/services/T/B/x' },
    });
    const cases: Array<[unknown, string]> = [
      [{ name: 'f', trigger: 'frequency', windowMinutes: 5, channelIds: [] }, 'body.threshold'],
      [{ name: 'f', trigger: 'frequency', threshold: 10, channelIds: [] }, 'body.windowMinutes'],
      [{ name: 'n', trigger: 'new_issue', threshold: 3, channelIds: [] }, 'body.threshold'],
      [{ name: 'n', trigger: 'sometimes', channelIds: [] }, 'body.trigger'],
      [
        { name: 'n', trigger: 'new_issue', channelIds: [], filters: { levels: ['loud'] } },
        'body.filters.levels.0',
      ],
      [
        { name: 'n', trigger: 'new_issue', channelIds: [foreignChannel.body.id] },
        'body.channelIds',
      ],
    ];
    for (const [body, field] of cases) {
      const answer = await api('POST', base, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.field, field, JSON.stringify(answer.body));
    }
    const good = await api('POST', base, {
      name: 'hot issues',
      trigger: 'frequency',
      threshold: 100,
      windowMinutes: 10,
      filters: { levels: ['error', 'fatal'], environment: 'production' },
      channelIds: [],
    });
    assert.equal(good.status, 201, JSON.stringify(good.body));
    assert.equal(good.body.throttleMinutes, 60);
    assert.deepEqual(
      (await api('GET', base)).body.map((rule: { id: number }) => rule.id),
      [good.body.id],
    );
    // A frequency the per-issue cap would never let the count reach is refused.
    const capped = await api('PUT', `/api/0/projects/${server.projectId}/`, {
      maxEventsPerIssue: 50,
    });
    assert.equal(capped.status, 200, JSON.stringify(capped.body));
    const unreachable = await api('POST', base, {
      name: 'never',
      trigger: 'frequency',
      threshold: 100,
      windowMinutes: 10,
      channelIds: [],
    });
    assert.equal(unreachable.status, 400);
    assert.equal(unreachable.body.error.field, 'body.threshold');
    assert.match(unreachable.body.error.message, /at most 50 events per issue/);
    await api('PUT', `/api/0/projects/${server.projectId}/`, { maxEventsPerIssue: null });
    assert.equal((await api('DELETE', `${base}${good.body.id}/`)).status, 204);
    assert.equal((await api('DELETE', `${base}${good.body.id}/`)).status, 404);
  });
});
