/**
 * Ignoring an issue with a limit through the REST API on a real server: events sent over real
 * HTTP wake it when the limit runs out, and an ignore limit that makes no sense is a 400 naming
 * the field.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  createToken,
  login,
  sendEvent,
} from '../helpers/api-client.js';
import type { ApiResponse } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('REST API: ignoring issues with a limit', () => {
  let server: TestServer;
  let as: { token: string };
  let issuesPath: string;
  let issueId: number;

  const issue = () => call(server, 'GET', `/api/0/issues/${issueId}/`, { as });
  const send = () => sendEvent(server, server.publicKey, server.projectId);

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
    };
    issuesPath = `/api/0/projects/${server.projectId}/issues/`;
    await send();
    const [only] = (await call(server, 'GET', issuesPath, { as })).body;
    issueId = only.id;
  });
  after(() => server.stop());

  it('ignores until 2 more events: the second brings it back unresolved', async () => {
    const put = await call(server, 'PUT', issuesPath, {
      as,
      body: { ids: [issueId], status: 'ignored', ignoreCount: 2 },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.updated, [issueId]);
    const ignored = await issue();
    assert.equal(ignored.body.status, 'ignored');
    assert.equal(ignored.body.ignoredUntilCount, ignored.body.count + 2);
    assert.equal(ignored.body.ignoredUntil, null);

    await send();
    assert.equal((await issue()).body.status, 'ignored', 'one more event is not yet two');
    const eventId = await send();
    const woken = (await issue()).body;
    assert.equal(woken.status, 'unresolved');
    assert.equal(woken.ignoredUntilCount, null);
    assert.equal(woken.count, 3);
    assert.deepEqual(woken.activity.at(-1).data, { reason: 'count', event_id: eventId });
    const listed = (await call(server, 'GET', issuesPath, { as })).body;
    assert.deepEqual(
      listed.map((i: { id: number }) => i.id),
      [issueId],
      'back in the unresolved list',
    );
  });

  it('ignores one issue for a duration: it says until when', async () => {
    const sentAt = Date.now();
    const put = await call(server, 'PUT', `/api/0/issues/${issueId}/`, {
      as,
      body: { status: 'ignored', ignoreDuration: 60 },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.status, 'ignored');
    const until = Date.parse(put.body.ignoredUntil);
    assert.ok(
      until >= sentAt + 3_600_000 && until <= Date.now() + 3_600_000,
      put.body.ignoredUntil,
    );
    // An event now is within the hour: the issue stays ignored.
    await send();
    assert.equal((await issue()).body.status, 'ignored');
  });

  it('answers an ignore limit that does not fit with a 400 naming the field, changing nothing', async () => {
    const statusBefore = (await issue()).body.status;
    const cases: Array<[string, unknown, string, RegExp]> = [
      [
        `/api/0/issues/${issueId}/`,
        { status: 'resolved', ignoreCount: 5 },
        'body.ignoreCount',
        /only with status "ignored"/,
      ],
      [
        issuesPath,
        { ids: [issueId], status: 'unresolved', ignoreDuration: 5 },
        'body.ignoreDuration',
        /only with status "ignored"/,
      ],
      [
        issuesPath,
        { ids: [issueId], status: 'ignored', ignoreDuration: 5, ignoreCount: 5 },
        'body.ignoreCount',
        /not both/,
      ],
      [`/api/0/issues/${issueId}/`, { status: 'ignored', ignoreCount: 0 }, 'body.ignoreCount', /./],
      [
        `/api/0/issues/${issueId}/`,
        { status: 'ignored', ignoreDuration: 367 * 24 * 60 },
        'body.ignoreDuration',
        /./,
      ],
    ];
    for (const [path, body, field, message] of cases) {
      const response: ApiResponse = await call(server, 'PUT', path, { as, body });
      const what = JSON.stringify(body);
      assert.equal(response.status, 400, what);
      assert.equal(response.body.error.code, 'invalid_request', what);
      assert.equal(response.body.error.field, field, what);
      assert.match(response.body.error.message, message, what);
    }
    assert.equal((await issue()).body.status, statusBefore);
  });
});
