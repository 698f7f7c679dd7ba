/**
 * A project's grouping version through the API: new projects get the latest, another version
 * starts a transition from the old one, and an unknown version is a 400 naming the field.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Project grouping settings (API)', () => {
  let server: TestServer;
  let as: { token: string };

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
    };
  });
  after(() => server.stop());

  it('a new project groups by v2, with no transition', async () => {
    const created = await call(server, 'POST', '/api/0/projects/', { as, body: { name: 'new' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.groupingVersion, 'v2');
    assert.equal(created.body.secondaryGrouping, null);
  });

  it('switching version round-trips and starts a 90-day transition from the old one', async () => {
    const created = await call(server, 'POST', '/api/0/projects/', { as, body: { name: 'sw' } });
    const path = `/api/0/projects/${created.body.id}/`;
    const started = Date.now();
    const toV1 = await call(server, 'PUT', path, { as, body: { groupingVersion: 'v1' } });
    assert.equal(toV1.status, 200);
    assert.equal(toV1.body.groupingVersion, 'v1');
    assert.equal(toV1.body.secondaryGrouping.version, 'v2');
    const until = Date.parse(toV1.body.secondaryGrouping.until);
    assert.ok(until >= started + 90 * DAY_MS - 1000 && until <= Date.now() + 90 * DAY_MS + 1000);

    const read = await call(server, 'GET', path, { as });
    assert.equal(read.body.groupingVersion, 'v1');
    assert.deepEqual(read.body.secondaryGrouping, toV1.body.secondaryGrouping);

    // Saving the form again with the same version changes nothing.
    const same = await call(server, 'PUT', path, {
      as,
      body: { groupingVersion: 'v1', name: 'sw' },
    });
    assert.deepEqual(same.body.secondaryGrouping, toV1.body.secondaryGrouping);

    const back = await call(server, 'PUT', path, { as, body: { groupingVersion: 'v2' } });
    assert.equal(back.body.groupingVersion, 'v2');
    assert.equal(back.body.secondaryGrouping.version, 'v1');
  });

  it('refuses a version the server does not have with a 400 naming the field', async () => {
    const path = `/api/0/projects/${server.projectId}/`;
    for (const groupingVersion of ['v3', 'toString', '', 2, null]) {
      const response = await call(server, 'PUT', path, { as, body: { groupingVersion } });
      assert.equal(response.status, 400, JSON.stringify(groupingVersion));
      assert.equal(response.body.error.field, 'body.groupingVersion');
    }
    const unchanged = await call(server, 'GET', path, { as });
    assert.equal(unchanged.body.groupingVersion, 'v2');
  });
});
