/**
 * Browser sessions: the cookie's attributes, CSRF refusal of cross-site writes, logout, login
 * throttling; and the first admin's creation.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('API sessions', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  });
  after(() => server.stop());

  it('sets an HttpOnly, SameSite=Lax session cookie and returns a CSRF token', async () => {
    const response = await call(server, 'POST', '/api/0/auth/login/', {
      body: { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD },
    });
    assert.equal(response.status, 200);
    const cookie = response.headers.get('set-cookie')!;
    assert.match(cookie, /^faultline_session=[\w-]{40,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http on loopback');
    assert.equal(response.body.user.email, ADMIN_EMAIL);
    assert.equal(typeof response.body.csrfToken, 'string');
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const response = await call(server, 'POST', '/api/0/auth/login/', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.match(response.headers.get('set-cookie')!, /; Secure/);
  });

  it('refuses a cross-site form post carrying a valid session cookie', async () => {
    const session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    // What an attacker's page can make a browser send: the cookie, a form body, no custom header.
    const form = await call(server, 'POST', '/api/0/projects/', {
      as: { cookie: session.cookie, csrfToken: undefined },
      body: 'name=pwned',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    });
    assert.equal(form.status, 403);
    assert.equal(form.body.error.code, 'csrf_failed');
    // Even as JSON, without the CSRF header it is refused; with a wrong one too.
    for (const csrfToken of [undefined, 'wrong']) {
      const json = await call(server, 'POST', '/api/0/projects/', {
        as: { cookie: session.cookie, csrfToken },
        body: { name: 'pwned' },
      });
      assert.equal(json.status, 403);
    }
    const projects = await call(server, 'GET', '/api/0/projects/', { as: session });
    assert.ok(!projects.body.some((p: { name: string }) => p.name === 'pwned'));
    // The UI's own request, with the header, goes through.
    const ok = await call(server, 'POST', '/api/0/projects/', {
      as: session,
      body: { name: 'legit' },
    });
    assert.equal(ok.status, 201);
  });

  it('logs out: the cookie stops working at once', async () => {
    const session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', { as: session })).status, 200);
    const out = await call(server, 'POST', '/api/0/auth/logout/', { as: session });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie')!, /Max-Age=0/);
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', { as: session })).status, 401);
  });

  it('says wrong password and unknown account alike', async () => {
    const wrong = await call(server, 'POST', '/api/0/auth/login/', {
      body: { email: ADMIN_EMAIL, password: 'not it' },
    });
    const unknown = await call(server, 'POST', '/api/0/auth/login/', {
      body: { email: 'nobody@example.com', password: 'not it' },
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
  });

  it('throttles password guessing per account and address', async () => {
    const email = 'target@example.com';
    // The limits are fixed windows on the clock: seven attempts that straddle the turn of a
    // minute would start the one-minute window over and never reach it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000)
      await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const response = await call(server, 'POST', '/api/0/auth/login/', {
        body: { email, password: `guess ${attempt}` },
      });
      statuses.push(response.status);
      if (response.status === 429) assert.ok(Number(response.headers.get('retry-after')) > 0);
    }
    assert.deepEqual(statuses, [...Array(5).fill(401), 429, 429]);
    // Another account from the same address is not locked out by it.
    assert.equal(
      (
        await call(server, 'POST', '/api/0/auth/login/', {
          body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        })
      ).status,
      200,
    );
  });

  it('changing the password ends every session and revokes the API tokens', async () => {
    const first = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const second = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const token = await createToken(server, second, 'read');
    assert.equal((await call(server, 'GET', '/api/0/tokens/', { as: { token } })).status, 200);
    const change = await call(server, 'PUT', '/api/0/auth/password/', {
      as: first,
      body: { currentPassword: ADMIN_PASSWORD, newPassword: 'a new long password' },
    });
    assert.equal(change.status, 200);
    assert.equal(change.body.tokensRevoked, 1);
    assert.ok(change.body.sessionsEnded >= 2, 'these two, and the earlier tests’');
    for (const as of [first, second, { token }]) {
      assert.equal((await call(server, 'GET', '/api/0/auth/session/', { as })).status, 401);
    }
    const back = await login(server, ADMIN_EMAIL, 'a new long password');
    await call(server, 'PUT', '/api/0/auth/password/', {
      as: back,
      body: { currentPassword: 'a new long password', newPassword: ADMIN_PASSWORD },
    });
  });

  it('a token changing its own user’s password keeps working; the other tokens do not', async () => {
    const session = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const changer = await createToken(server, session, 'admin');
    const other = await createToken(server, session, 'read');
    const change = await call(server, 'PUT', '/api/0/auth/password/', {
      as: { token: changer },
      body: { currentPassword: ADMIN_PASSWORD, newPassword: 'a new long password' },
    });
    assert.equal(change.status, 200);
    assert.deepEqual(change.body, { sessionsEnded: 1, tokensRevoked: 1 });
    const as = (token: string) => ({ as: { token } });
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', as(changer))).status, 200);
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', as(other))).status, 401);
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', { as: session })).status, 401);
    await call(server, 'PUT', '/api/0/auth/password/', {
      ...as(changer),
      body: { currentPassword: 'a new long password', newPassword: ADMIN_PASSWORD },
    });
  });

  it("an admin's reset of a user's password ends their sessions and revokes their tokens", async () => {
    const admin = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const email = 'reset-me@example.com';
    const created = await call(server, 'POST', '/api/0/users/', {
      as: admin,
      body: { email, password: 'first password 1', role: 'member' },
    });
    assert.equal(created.status, 201);
    const member = await login(server, email, 'first password 1');
    const token = await createToken(server, member, 'read');
    const renamed = await call(server, 'PUT', `/api/0/users/${created.body.id}/`, {
      as: admin,
      body: { name: 'Not a password change' },
    });
    assert.equal(renamed.body.tokensRevoked, undefined);
    assert.equal(
      (await call(server, 'GET', '/api/0/auth/session/', { as: { token } })).status,
      200,
    );
    const reset = await call(server, 'PUT', `/api/0/users/${created.body.id}/`, {
      as: admin,
      body: { password: 'second password 2' },
    });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.email, email);
    assert.equal(reset.body.sessionsEnded, 1);
    assert.equal(reset.body.tokensRevoked, 1);
    assert.equal(
      (await call(server, 'GET', '/api/0/auth/session/', { as: { token } })).status,
      401,
    );
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', { as: member })).status, 401);
    assert.equal((await call(server, 'GET', '/api/0/auth/session/', { as: admin })).status, 200);
  });

  it('an admin sets their own password only with the current one (auth/password/)', async () => {
    const admin = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    const self = await call(server, 'GET', '/api/0/auth/session/', { as: admin });
    const reset = await call(server, 'PUT', `/api/0/users/${self.body.user.id}/`, {
      as: admin,
      body: { password: 'set without the old one' },
    });
    assert.equal(reset.status, 409);
    assert.equal(reset.body.error.field, 'body.password');
    await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
});

describe('first admin', () => {
  it('is created with a generated password, shown once, that logs in', async () => {
    const server = await startTestServer();
    try {
      const admin = server.firstAdmin!;
      assert.equal(admin.email, 'admin@faultline.local');
      assert.ok(admin.generatedPassword!.length >= 16);
      await login(server, admin.email, admin.generatedPassword!);
    } finally {
      await server.stop();
    }
  });
});
