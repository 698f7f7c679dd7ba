/**
 * The shared API client's issue and event calls (what the web UI uses) against a real server:
 * cursor pages from the Link header, status changes, one issue, an issue's events and their
 * neighbours.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FaultlineClient, nextCursorOf } from '../src/client/api-client.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createToken,
  login,
  sendEvent,
} from './helpers/api-client.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

describe('FaultlineClient: issues and events', () => {
  let server: TestServer;
  let client: FaultlineClient;
  let token = '';
  const eventIds: string[] = [];

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    token = await createToken(server, session, 'write');
    client = new FaultlineClient(server.url, { token });
    for (let n = 0; n < 3; n++) {
      await sendEvent(server, server.publicKey, server.projectId, {
        message: `problem ${n}`,
        exception: undefined,
        fingerprint: [`problem-${n}`],
        tags: { kind: 'problem' },
      });
    }
    for (let n = 0; n < 3; n++) {
      eventIds.push(await sendEvent(server, server.publicKey, server.projectId));
    }
  });
  after(() => server.stop());

  it('pages through a search by the Link cursor', async () => {
    const first = await client.listIssues(server.projectId, { sort: 'first_seen', limit: 3 });
    assert.deepEqual(
      first.items.map((issue) => issue.title),
      ['Error: checkout failed', 'problem 2', 'problem 1'],
    );
    assert.ok(first.nextCursor !== undefined);
    const second = await client.listIssues(server.projectId, {
      sort: 'first_seen',
      limit: 3,
      cursor: first.nextCursor,
    });
    assert.deepEqual(
      second.items.map((issue) => issue.title),
      ['problem 0'],
    );
    assert.equal(second.nextCursor, undefined);
    const found = await client.listIssues(server.projectId, { query: 'feature:checkout' });
    assert.deepEqual(
      found.items.map((issue) => issue.count),
      [3],
    );
  });

  it('changes statuses in bulk and one at a time', async () => {
    const { items } = await client.listIssues(server.projectId, { query: 'kind:problem' });
    const ids = items.map((issue) => issue.id);
    assert.deepEqual(
      (await client.setIssuesStatus(server.projectId, ids, 'resolved')).updated.sort(),
      [...ids].sort(),
    );
    const left = await client.listIssues(server.projectId, { query: 'is:unresolved kind:problem' });
    assert.equal(left.items.length, 0);
    const one = await client.setIssueStatus(ids[0]!, 'ignored', { ignoreCount: 10 });
    assert.equal(one.status, 'ignored');
    assert.equal(one.ignoredUntilCount, one.count + 10);
    const detail = await client.getIssue(ids[0]!);
    assert.equal(detail.status, 'ignored');
    assert.ok(detail.activity.length >= 2, 'both changes are in its activity');
  });

  it("reads an issue's events with their neighbours", async () => {
    const [issue] = (await client.listIssues(server.projectId, { query: 'feature:checkout' }))
      .items;
    const latest = await client.issueEdgeEvent(issue!.id, 'latest');
    assert.equal(latest.eventId, eventIds[2]);
    assert.equal(latest.next, null);
    assert.equal(latest.previous, eventIds[1]);
    assert.equal(latest.event.exception?.values.length, 3);
    const middle = await client.getEvent(server.projectId, latest.previous!);
    assert.deepEqual([middle.previous, middle.next], [eventIds[0], eventIds[2]]);
    const oldest = await client.issueEdgeEvent(issue!.id, 'oldest');
    assert.equal(oldest.eventId, eventIds[0]);
    const pages = await client.listIssueEvents(issue!.id, { limit: 2 });
    assert.deepEqual(
      pages.items.map((event) => event.eventId),
      [eventIds[2], eventIds[1]],
    );
    const rest = await client.listIssueEvents(issue!.id, { limit: 2, cursor: pages.nextCursor! });
    assert.deepEqual(
      rest.items.map((event) => event.eventId),
      [eventIds[0]],
    );
    const raw = await fetch(client.eventJsonUrl(server.projectId, oldest.eventId), {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(((await raw.json()) as { event_id: string }).event_id, oldest.eventId);
  });

  it('reads the next cursor as Sentry writes it', () => {
    assert.equal(nextCursorOf(null), undefined);
    assert.equal(nextCursorOf('<http://x/?cursor=a>; rel="next"; results="true"; cursor="a"'), 'a');
    assert.equal(
      nextCursorOf('<http://x/?cursor=a>; rel="next"; results="false"; cursor="a"'),
      undefined,
    );
    assert.equal(
      nextCursorOf(
        '<http://x/?cursor=p>; rel="previous"; results="true"; cursor="p", <http://x/?cursor=n>; rel="next"; results="true"; cursor="n"',
      ),
      'n',
    );
  });
});
