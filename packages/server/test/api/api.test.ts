/**
 * The REST API end to end on a real server: events sent over real HTTP become issues that are
 * searched, triaged, merged and read through the API; bad input gets a 400 naming the field;
 * the live stream delivers new events; operations endpoints answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
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

describe('REST API', () => {
  let server: TestServer;
  let as: { token: string };
  let issuesPath: string;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    as = {
      token: await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin'),
    };
    issuesPath = `/api/0/projects/${server.projectId}/issues/`;
    await sendEvent(server, server.publicKey, server.projectId);
    await sendEvent(server, server.publicKey, server.projectId);
    await sendEvent(server, server.publicKey, server.projectId, {
      message: 'payment gateway timed out',
      exception: undefined,
      level: 'warning',
      environment: 'staging',
    });
  });
  after(() => server.stop());

  it('searches issues with the search language', async () => {
    const all = await call(server, 'GET', issuesPath, { as });
    assert.equal(all.status, 200);
    assert.equal(all.body.length, 2);
    const staging = await call(
      server,
      'GET',
      `${issuesPath}?query=${encodeURIComponent('environment:staging')}`,
      { as },
    );
    assert.deepEqual(
      staging.body.map((i: { title: string }) => i.title),
      ['payment gateway timed out'],
    );
    const errors = await call(server, 'GET', `${issuesPath}?query=level:error`, { as });
    assert.equal(errors.body.length, 1);
    assert.equal(errors.body[0].count, 2);
    const bad = await call(
      server,
      'GET',
      `${issuesPath}?query=${encodeURIComponent('"unterminated')}`,
      { as },
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_query');
    assert.equal(bad.body.error.field, 'query.query');
  });

  it('pages with a Link header', async () => {
    const first = await call(server, 'GET', `${issuesPath}?limit=1`, { as });
    assert.equal(first.body.length, 1);
    const link = first.headers.get('link')!;
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await call(server, 'GET', new URL(next).pathname + new URL(next).search, { as });
    assert.equal(second.body.length, 1);
    assert.notEqual(second.body[0].id, first.body[0].id);
  });

  it('resolves an issue: it leaves the unresolved list, and its activity says so', async () => {
    const [issue] = (await call(server, 'GET', `${issuesPath}?query=level:warning`, { as })).body;
    const put = await call(server, 'PUT', `/api/0/issues/${issue.id}/`, {
      as,
      body: { status: 'resolved' },
    });
    assert.equal(put.status, 200);
    assert.equal(put.body.status, 'resolved');
    const unresolved = await call(server, 'GET', issuesPath, { as });
    assert.ok(!unresolved.body.some((i: { id: number }) => i.id === issue.id));
    const detail = await call(server, 'GET', `/api/0/issues/${issue.id}/`, { as });
    assert.equal(detail.body.activity.at(-1).kind, 'resolved');
    const bulk = await call(server, 'PUT', issuesPath, {
      as,
      body: { ids: [issue.id, 999999], status: 'unresolved' },
    });
    assert.deepEqual(bulk.body.updated, [issue.id]);
  });

  it('reads events: list, latest with neighbours, one event, raw JSON, tags, counts, grouping', async () => {
    const [issue] = (await call(server, 'GET', `${issuesPath}?query=level:error`, { as })).body;
    const events = await call(server, 'GET', `/api/0/issues/${issue.id}/events/`, { as });
    assert.equal(events.body.length, 2);
    const latest = await call(server, 'GET', `/api/0/issues/${issue.id}/events/latest/`, { as });
    assert.equal(latest.body.eventId, events.body[0].eventId);
    assert.equal(latest.body.previous, events.body[1].eventId);
    assert.equal(latest.body.next, null);
    // The whole cause chain is there, outermost last, as the SDK sent it.
    const values = latest.body.event.exception.values.map((v: { value: string }) => v.value);
    assert.deepEqual(values, ['cart 981 not found', 'could not price cart', 'checkout failed']);
    const eventPath = `/api/0/projects/${server.projectId}/events/${latest.body.eventId}/`;
    assert.equal((await call(server, 'GET', eventPath, { as })).body.eventId, latest.body.eventId);
    const raw = await call(server, 'GET', `${eventPath}json/`, { as });
    assert.match(raw.headers.get('content-disposition')!, /^attachment;/);
    assert.equal(raw.body.event_id, latest.body.eventId);
    const tags = await call(server, 'GET', `/api/0/issues/${issue.id}/tags/`, { as });
    const release = tags.body.find((t: { key: string }) => t.key === 'release');
    assert.deepEqual(release.values, [{ value: 'shop@1.0.0', count: 2 }]);
    const counts = await call(server, 'GET', `/api/0/issues/${issue.id}/counts/?interval=day`, {
      as,
    });
    assert.equal(
      counts.body.reduce((sum: number, b: { count: number }) => sum + b.count, 0),
      2,
    );
    const grouping = await call(server, 'GET', `/api/0/issues/${issue.id}/grouping/`, { as });
    assert.equal(grouping.body.length, 1);
    assert.ok(grouping.body[0].components);
  });

  it('merges issues: the events and counts move to the first', async () => {
    const ids = (await call(server, 'GET', `${issuesPath}?query=`, { as })).body.map(
      (i: { id: number }) => i.id,
    );
    const merged = await call(server, 'POST', `${issuesPath}merge/`, { as, body: { ids } });
    assert.equal(merged.status, 200);
    assert.equal(merged.body.count, 3);
    const events = await call(server, 'GET', `/api/0/issues/${ids[0]}/events/`, { as });
    assert.equal(events.body.length, 3);
    assert.equal((await call(server, 'GET', `/api/0/issues/${ids[1]}/`, { as })).status, 404);
  });

  it('answers bad input with a 400 that names the field, and unknown routes with 404/405', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/api/0/projects/', { name: '' }, 400, 'body.name'],
      ['POST', '/api/0/projects/', { name: 'x'.repeat(201) }, 400, 'body.name'],
      [
        'PUT',
        `/api/0/projects/${server.projectId}/`,
        { retentionDays: 0 },
        400,
        'body.retentionDays',
      ],
      [
        'PUT',
        `/api/0/projects/${server.projectId}/`,
        { allowedOrigins: ['javascript:alert(1)'] },
        400,
        'body.allowedOrigins.0',
      ],
      ['GET', `${issuesPath}?limit=1000`, undefined, 400, 'query.limit'],
      ['GET', `${issuesPath}?sort=bogus`, undefined, 400, 'query.sort'],
      ['GET', '/api/0/issues/abc/', undefined, 400, 'params.issueId'],
      ['POST', '/api/0/tokens/', { name: 'x', scope: 'root' }, 400, 'body.scope'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const response = await call(server, method, path, {
        as,
        ...(body === undefined ? {} : { body }),
      });
      assert.equal(response.status, status, `${method} ${path}`);
      assert.equal(response.body.error.field, field, `${method} ${path}`);
    }
    const notJson = await call(server, 'POST', '/api/0/projects/', {
      as,
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(notJson.body.error.code, 'invalid_json');
    const huge = await call(server, 'POST', '/api/0/projects/', {
      as,
      body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    assert.equal(huge.status, 413);
    assert.equal((await call(server, 'GET', '/api/0/nothing-here/', { as })).status, 404);
    assert.equal((await call(server, 'PATCH', '/api/0/projects/', { as })).status, 405);
  });

  it('changes project settings and manages keys', async () => {
    const path = `/api/0/projects/${server.projectId}/`;
    const put = await call(server, 'PUT', path, {
      as,
      body: {
        retentionDays: 30,
        scrubFields: ['ssn'],
        allowedOrigins: ['https://shop.example'],
        quota: { count: 100, windowSeconds: 60 },
      },
    });
    assert.equal(put.status, 200);
    assert.equal(put.body.retentionDays, 30);
    assert.deepEqual(put.body.allowedOrigins, ['https://shop.example']);
    const cleared = await call(server, 'PUT', path, { as, body: { retentionDays: null } });
    assert.equal(cleared.body.retentionDays, null);
    assert.deepEqual(cleared.body.scrubFields, ['ssn']);
    const keys = await call(server, 'GET', `${path}keys/`, { as });
    assert.equal(keys.body[0].dsn, server.dsn);
    const rotated = await call(server, 'POST', `${path}keys/${server.publicKey}/rotate/`, { as });
    assert.equal(rotated.status, 201);
    const after = await call(server, 'GET', `${path}keys/`, { as });
    const byId = new Map(after.body.map((k: { id: string; active: boolean }) => [k.id, k.active]));
    assert.equal(byId.get(server.publicKey), false);
    assert.equal(byId.get(rotated.body.id), true);
  });

  it('streams new events live (Server-Sent Events)', async () => {
    const keys = await call(server, 'GET', `/api/0/projects/${server.projectId}/keys/`, { as });
    const activeKey: string = keys.body.find((k: { active: boolean }) => k.active).publicKey;
    const received = new Promise<Record<string, unknown>>((resolve, reject) => {
      const request = http.get(`${server.url}/api/0/stream/?project=${server.projectId}`, {
        headers: { authorization: `Bearer ${as.token}` },
      });
      request.on('response', (response) => {
        assert.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8');
        let buffer = '';
        response.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          if (buffer.startsWith(': connected\n\n') && !buffer.includes('data: ')) {
            void sendEvent(server, activeKey, server.projectId).catch(reject);
          }
          const data = /data: (.*)\n\n/.exec(buffer);
          if (data !== null) {
            request.destroy();
            resolve(JSON.parse(data[1]!) as Record<string, unknown>);
          }
        });
      });
      request.on('error', reject);
    });
    const event = await received;
    assert.equal(event['projectId'], server.projectId);
    assert.equal(typeof event['title'], 'string');
  });

  it('describes itself in OpenAPI, every route included', async () => {
    const document = await call(server, 'GET', '/api/0/openapi.json');
    assert.equal(document.status, 200);
    assert.equal(document.body.openapi, '3.1.0');
    const operations = Object.values(document.body.paths).flatMap((methods) =>
      Object.keys(methods as object),
    );
    const { apiRoutes } = await import('../../src/api/routes/index.js');
    assert.equal(operations.length, apiRoutes().length);
    const search = document.body.paths['/api/0/projects/{projectId}/issues/'].get;
    assert.ok(
      search.parameters.some(
        (p: { name: string; in: string }) => p.name === 'query' && p.in === 'query',
      ),
    );
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    assert.equal((await call(server, 'GET', '/healthz')).status, 200);
    const ready = await call(server, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.checks.storage, 'ok');
    const metrics = await fetch(`${server.url}/metrics`);
    const text = await metrics.text();
    assert.match(text, /faultline_ingest_requests_total\{status="200"\} \d+/);
    assert.match(text, /faultline_events_digested_total \d+/);
    assert.match(text, /faultline_queue_depth 0/);
    assert.match(
      text,
      /faultline_api_request_seconds_count\{route="GET \/api\/0\/projects\/:projectId\/issues\/",status="200"\}/,
    );
    // before() sent events and waited for their digest: each step of their way was timed.
    const count = (series: string) => {
      const found = new RegExp(
        `^${series.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)$`,
        'm',
      ).exec(text);
      assert.ok(found, `${series} in /metrics`);
      return Number(found[1]);
    };
    assert.ok(count('faultline_digest_batch_seconds_count') >= 1);
    assert.ok(count('faultline_event_latency_seconds_count') >= 3);
    assert.ok(count('faultline_db_seconds_count{operation="enqueue"}') >= 1);
    assert.ok(count('faultline_db_seconds_count{operation="persist_batch"}') >= 1);
    assert.ok(count('faultline_db_seconds_count{operation="claim_batch"}') >= 1);
    assert.ok(count('faultline_db_seconds_count{operation="auth_lookup"}') >= 1);
  });
});
