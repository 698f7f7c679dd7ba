/** A user's API tokens are capped: the list stays one page, and one more is a precise 409. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TOKENS_PER_USER } from '../../src/accounts/tokens.js';

const MAX_TOKENS_PER_USER = TOKENS_PER_USER.limit;
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('API tokens per user', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  });
  after(() => server.stop());

  it(`are at most ${MAX_TOKENS_PER_USER}; revoking one makes room`, async () => {
    const session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (let n = 0; n < MAX_TOKENS_PER_USER; n++) await createToken(server, session, 'read');
    const refused = await call(server, 'POST', '/api/0/tokens/', {
      as: session,
      body: { name: 'one too many', scope: 'read' },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'limit_reached');
    assert.match(refused.body.error.message, /at most 100 API tokens/);
    const tokens = await call(server, 'GET', '/api/0/tokens/', { as: session });
    assert.equal(tokens.body.length, MAX_TOKENS_PER_USER);
    const revoked = await call(server, 'DELETE', `/api/0/tokens/${tokens.body[0].id}/`, {
      as: session,
    });
    assert.equal(revoked.status, 204);
    await createToken(server, session, 'read');
  });
});
