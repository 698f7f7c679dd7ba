/**
 * Releases through the REST API on a real server, with events sent over real HTTP: the release
 * the events name appears in Sentry's release list with its counts; an issue resolved in the
 * next release stays resolved on its own release's events and regresses on a later one's;
 * project slugs can be renamed (unique, valid); the organization's slug is configurable.
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
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('REST API: releases and resolving in a release', () => {
  let server: TestServer;
  let as: { token: string };
  let issueId: number;

  const send = (release: string) =>
    sendEvent(server, server.publicKey, server.projectId, { release });
  const issue = async () => (await call(server, 'GET', `/api/0/issues/${issueId}/`, { as })).body;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
    };
    await send('shop@1.0.0');
    const [only] = (
      await call(server, 'GET', `/api/0/projects/${server.projectId}/issues/`, { as })
    ).body;
    issueId = only.id;
  });
  after(() => server.stop());

  it('lists the release the first event named, with its new issue and events', async () => {
    await send('shop@1.0.0');
    const list = await call(server, 'GET', '/api/0/organizations/faultline/releases/', { as });
    assert.equal(list.status, 200);
    const [release] = list.body;
    assert.equal(release.version, 'shop@1.0.0');
    assert.equal(release.newGroups, 1);
    assert.equal(release.eventCount, 2);
    assert.deepEqual(
      release.projects.map((p: { slug: string }) => p.slug),
      ['default'],
    );
    assert.ok(Date.parse(release.firstEvent) <= Date.parse(release.lastEvent));
    assert.equal(release.dateReleased, null);
  });

  it('resolved in the next release: stays resolved on its release, regresses on a later one', async () => {
    const put = await call(server, 'PUT', `/api/0/issues/${issueId}/`, {
      as,
      body: { status: 'resolved', inNextRelease: true },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.resolvedInNextRelease, 'shop@1.0.0');
    assert.equal(put.body.resolvedInRelease, null);
    await send('shop@1.0.0');
    await send('shop@0.9.0');
    assert.equal(
      (await issue()).status,
      'resolved',
      'the same or an older release does not reopen it',
    );
    const eventId = await send('shop@1.0.1');
    const reopened = await issue();
    assert.equal(reopened.status, 'unresolved');
    assert.equal(reopened.resolvedInNextRelease, null);
    assert.deepEqual(reopened.activity.at(-1).data, { event_id: eventId, release: 'shop@1.0.1' });
    assert.deepEqual(reopened.activity.at(-2).data.inNextRelease, 'shop@1.0.0');
  });

  it('resolves in bulk in a named release', async () => {
    const put = await call(server, 'PUT', `/api/0/projects/${server.projectId}/issues/`, {
      as,
      body: { ids: [issueId], status: 'resolved', inRelease: 'shop@1.0.1' },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal((await issue()).resolvedInRelease, 'shop@1.0.1');
    await send('shop@1.0.0');
    assert.equal((await issue()).status, 'resolved');
  });

  it('refuses a release the project lacks, or one that goes with another status (400)', async () => {
    const cases: Array<[unknown, string]> = [
      [{ status: 'resolved', inRelease: 'shop@7' }, 'body.inRelease'],
      [{ status: 'ignored', inRelease: 'shop@1.0.0' }, 'body.inRelease'],
      [{ status: 'unresolved', inNextRelease: true }, 'body.inNextRelease'],
      [{ status: 'resolved', inNextRelease: true, inRelease: 'shop@1.0.0' }, 'body.inNextRelease'],
      [{ status: 'resolved', inNextRelease: false }, 'body.inNextRelease'],
    ];
    for (const [body, field] of cases) {
      const response = await call(server, 'PUT', `/api/0/issues/${issueId}/`, { as, body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.field, field, JSON.stringify(body));
    }
    const empty = await call(server, 'POST', '/api/0/projects/', { as, body: { name: 'Empty' } });
    const none = await call(server, 'PUT', `/api/0/projects/${empty.body.id}/issues/`, {
      as,
      body: { ids: [1], status: 'resolved', inNextRelease: true },
    });
    assert.equal(none.status, 400);
    assert.match(none.body.error.message, /no release yet/);
  });

  it('renames a project slug: unique and valid, then Sentry routes answer to it', async () => {
    const project = `/api/0/projects/${server.projectId}/`;
    const renamed = await call(server, 'PUT', project, { as, body: { slug: 'shop' } });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.slug, 'shop');
    const listed = await call(server, 'GET', '/api/0/projects/faultline/shop/releases/', { as });
    assert.equal(listed.status, 200);
    assert.equal(listed.body[0].version, 'shop@1.0.1');
    const other = await call(server, 'POST', '/api/0/projects/', { as, body: { name: 'Other' } });
    assert.equal(other.body.slug, 'other');
    const taken = await call(server, 'PUT', `/api/0/projects/${other.body.id}/`, {
      as,
      body: { slug: 'shop' },
    });
    assert.equal(taken.status, 409);
    for (const slug of ['123', 'Shop', '-x', 'a'.repeat(51), 'a/b']) {
      const bad = await call(server, 'PUT', project, { as, body: { slug } });
      assert.equal(bad.status, 400, slug);
      assert.equal(bad.body.error.field, 'body.slug');
    }
    const projects = await call(server, 'GET', '/api/0/organizations/faultline/projects/', { as });
    assert.deepEqual(
      projects.body.map((p: { slug: string }) => p.slug),
      ['shop', 'empty', 'other'],
    );
  });
});

describe('REST API: the organization slug', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      organizationSlug: 'acme',
    });
  });
  after(() => server.stop());

  it('answers to the configured slug only', async () => {
    const as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'read'),
    };
    const list = await call(server, 'GET', '/api/0/organizations/', { as });
    assert.deepEqual(
      list.body.map((o: { slug: string }) => o.slug),
      ['acme'],
    );
    assert.equal((await call(server, 'GET', '/api/0/organizations/acme/', { as })).status, 200);
    const other = await call(server, 'GET', '/api/0/organizations/faultline/', { as });
    assert.equal(other.status, 404);
    assert.match(other.body.detail, /no organization faultline/);
  });
});
