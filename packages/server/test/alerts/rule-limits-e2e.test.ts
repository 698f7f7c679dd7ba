/**
 * Many rules on one channel, through a real server to a real webhook receiver: a project's rules
 * are capped (a precise 409 past the cap), and one new issue matched by every rule is one
 * webhook, not one per rule.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RULES_PER_PROJECT } from '../../src/alerts/limits.js';
import { numberColumn } from '../../src/store/sql.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  createToken,
  login,
  sendEvent,
} from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { startHttpReceiver } from './channels-helpers/http-receiver.js';
import type { HttpReceiver } from './channels-helpers/http-receiver.js';
import { until } from '../helpers/until.js';

describe('alert rules per project', () => {
  let server: TestServer;
  let receiver: HttpReceiver;
  let token: string;
  const api = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { as: { token }, ...(body === undefined ? {} : { body }) });

  before(async () => {
    server = await startTestServer({
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      alerts: { stormWindowSeconds: 1, retryBaseSeconds: 0.2, maxAttempts: 5 },
    });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin');
    receiver = await startHttpReceiver((_request, response) => response.writeHead(200).end());
  });
  after(async () => {
    await server.stop();
    await receiver.close();
  });

  it('are capped, and every rule on one channel makes one new issue one webhook', async () => {
    const base = `/api/0/projects/${server.projectId}`;
    const channel = await api('POST', `${base}/alert-channels/`, {
      name: 'hook',
      config: { kind: 'webhook', url: `${receiver.origin}/hook` },
    });
    assert.equal(channel.status, 201, JSON.stringify(channel.body));
    const rule = { name: 'new issues', trigger: 'new_issue', channelIds: [channel.body.id] };
    for (let n = 0; n < RULES_PER_PROJECT.limit; n++) {
      assert.equal((await api('POST', `${base}/alert-rules/`, rule)).status, 201);
    }
    const refused = await api('POST', `${base}/alert-rules/`, rule);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'limit_reached');
    assert.match(refused.body.error.message, /at most 100 alert rules/);

    await sendEvent(server, server.publicKey, server.projectId);
    await until('a webhook', () => receiver.requests.length > 0);
    const pending = async () =>
      numberColumn(
        (await server.store.sql.get(
          "SELECT count(*) AS n FROM alert_notifications WHERE status = 'pending'",
        ))!,
        'n',
      );
    await until('nothing left to deliver', async () => (await pending()) === 0);
    assert.equal(receiver.requests.length, 1);
    const notifications = await api('GET', `${base}/alert-notifications/`);
    assert.equal(notifications.body.length, 1);
  });
});
