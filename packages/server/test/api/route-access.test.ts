/**
 * Every route of the API table, called three ways: with no credentials (→ 401), by a member of
 * another team on this team's project, issue or event (→ 403/404), and with a read-only token
 * where the route writes (→ 403). The table is enumerated, so a route added later without the
 * right access fails here without anyone writing a test for it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiRoutes } from '../../src/api/routes/index.js';
import type { Route } from '../../src/api/route.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  createToken,
  login,
  sendEvent,
} from '../helpers/api-client.js';
import type { Credentials } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const routes = apiRoutes();
const protectedRoutes = routes.filter((route) => !('public' in route.access));
/** Routes about one project's data: another team must not reach them. */
const projectBound = (route: Route) => /:(projectId|issueId|project)\b/.test(route.path);

/** The error's code, or on Sentry's API routes (`{"detail": …}`, no code) the detail. */
function assertRefusal(route: Route, body: any, code: string): void {
  const where = `${route.method} ${route.path}`;
  if (route.errorShape === 'sentry') assert.equal(typeof body.detail, 'string', where);
  else assert.equal(body.error.code, code, where);
}

describe('API route access', () => {
  let server: TestServer;
  let values: Record<string, string>;
  let memberToken: string;
  let readToken: string;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const admin = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const eventId = await sendEvent(server, server.publicKey, server.projectId);
    const issues = await call(server, 'GET', `/api/0/projects/${server.projectId}/issues/`, {
      as: admin,
    });
    // Team B: a member who sees only their own project.
    const other = await call(server, 'POST', '/api/0/projects/', {
      as: admin,
      body: { name: 'team b' },
    });
    const member = await call(server, 'POST', '/api/0/users/', {
      as: admin,
      body: {
        email: 'bob@example.com',
        password: 'bobs password',
        role: 'member',
        projects: [other.body.id],
      },
    });
    assert.equal(member.status, 201);
    memberToken = await createToken(
      server,
      await login(server, 'bob@example.com', 'bobs password'),
      'admin',
    );
    readToken = await createToken(server, admin, 'read');
    const tokens = await call(server, 'GET', '/api/0/tokens/', { as: admin });
    const alerts = `/api/0/projects/${server.projectId}`;
    const channel = await call(server, 'POST', `${alerts}/alert-channels/`, {
      as: admin,
      body: { name: 'hook', config: { kind: 'webhook', url: 'http://127.0.0.1:1/hook' } },
    });
    const rule = await call(server, 'POST', `${alerts}/alert-rules/`, {
      as: admin,
      body: { name: 'new', trigger: 'new_issue', channelIds: [channel.body.id] },
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    values = {
      channelId: String(channel.body.id),
      ruleId: String(rule.body.id),
      projectId: String(server.projectId),
      issueId: String(issues.body[0].id),
      eventId,
      keyId: server.publicKey,
      userId: String(member.body.id),
      tokenId: String(tokens.body[0].id),
      attachmentId: '1',
      which: 'latest',
      // Sentry's API routes: the organization, project 1's slug and a release of it.
      org: 'faultline',
      project: 'default',
      version: 'web@1',
    };
  });
  after(() => server.stop());

  const pathOf = (route: Route) =>
    route.path.replace(/:(\w+)/g, (_, name: string) => {
      assert.ok(values[name] !== undefined, `the test has no value for :${name} in ${route.path}`);
      return values[name]!;
    });
  const request = (route: Route, as: Credentials) =>
    call(server, route.method, pathOf(route), {
      as,
      ...(route.body === undefined ? {} : { body: {} }),
    });

  it('has protected routes of every kind', () => {
    assert.ok(protectedRoutes.length >= 30, `only ${protectedRoutes.length} protected routes`);
    assert.ok(protectedRoutes.some((route) => route.method === 'DELETE'));
    assert.deepEqual(
      routes
        .filter((route) => 'public' in route.access)
        .map((route) => route.path)
        .sort(),
      ['/api/0/', '/api/0/auth/login/', '/api/0/openapi.json'],
    );
  });

  it('refuses every protected route without credentials (401)', async () => {
    for (const route of protectedRoutes) {
      const response = await request(route, undefined);
      assert.equal(response.status, 401, `${route.method} ${route.path}`);
      assertRefusal(route, response.body, 'unauthenticated');
    }
  });

  it('refuses a bogus token and a bogus session cookie (401)', async () => {
    for (const route of protectedRoutes) {
      assert.equal((await request(route, { token: 'flt_not-a-real-token' })).status, 401);
      const cookie = { cookie: 'faultline_session=forged', csrfToken: 'x' };
      assert.equal((await request(route, cookie)).status, 401, `${route.method} ${route.path}`);
    }
  });

  it("keeps another team's member out of this team's project data (403/404)", async () => {
    const bound = protectedRoutes.filter(projectBound);
    assert.ok(bound.length >= 20);
    for (const route of bound) {
      const response = await request(route, { token: memberToken });
      assert.ok(
        [403, 404].includes(response.status),
        `${route.method} ${route.path}: ${response.status}`,
      );
    }
  });

  it('refuses a read token on every route that writes (403)', async () => {
    // Logging out needs no more than the weakest credential.
    const writes = protectedRoutes.filter(
      (route) => route.method !== 'GET' && route.path !== '/api/0/auth/logout/',
    );
    assert.ok(writes.length >= 15);
    for (const route of writes) {
      const response = await request(route, { token: readToken });
      assert.equal(response.status, 403, `${route.method} ${route.path}`);
      assertRefusal(route, response.body, 'insufficient_scope');
    }
  });

  it('declares a write scope on every route that is not a GET', () => {
    for (const route of protectedRoutes.filter((r) => r.method !== 'GET')) {
      const scope = 'scope' in route.access ? route.access.scope : undefined;
      assert.ok(
        scope !== 'read' || route.path === '/api/0/auth/logout/',
        `${route.method} ${route.path} writes with only the read scope`,
      );
    }
  });
});
