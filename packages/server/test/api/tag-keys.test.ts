/** The project's tag keys, for the search box's completion: real events over HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

describe('project tag keys', () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'read');
    await sendEvent(server, server.publicKey, server.projectId, {
      fingerprint: ['one'],
      tags: { 'feature.flag': 'on', customer: 'acme' },
    });
    await sendEvent(server, server.publicKey, server.projectId, {
      fingerprint: ['two'],
      tags: { customer: 'globex' },
    });
  });
  after(() => server.stop());

  it('lists the keys in use, most used first, custom tags included', async () => {
    const answer = await call(server, 'GET', `/api/0/projects/${server.projectId}/tags/`, {
      as: { token },
    });
    assert.equal(answer.status, 200);
    const keys = new Map(
      answer.body.map((tag: { key: string; issues: number }) => [tag.key, tag.issues]),
    );
    assert.equal(keys.get('customer'), 2);
    assert.equal(keys.get('feature.flag'), 1);
    assert.equal(keys.get('environment'), 2, 'the built-in tags too');
    const order = answer.body.map((tag: { issues: number }) => tag.issues);
    assert.deepEqual(
      order,
      [...order].sort((a: number, b: number) => b - a),
    );
  });
});
