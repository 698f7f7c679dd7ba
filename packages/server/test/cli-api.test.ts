/**
 * The CLI commands that go through the REST API, run as a user runs them: real `faultline`
 * processes against a real server, passwords piped on stdin, the login saved in a private
 * config dir.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sendEvent } from './helpers/api-client.js';
import { authQuery, eventEnvelope, newEventId, nodeErrorEvent, post } from './helpers/envelopes.js';
import { CLI_PATH } from './helpers/paths.js';
import { runProcess } from './helpers/run-process.js';
import { spawnTail } from './helpers/tail-process.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

describe('faultline CLI over the REST API', () => {
  const home = makeTempDir();
  const otherHome = makeTempDir();
  let server: TestServer;
  /** The environment of someone with their own config dir and nothing else set. */
  const envFor = (configHome: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const { FAULTLINE_URL: _url, FAULTLINE_TOKEN: _token, ...rest } = process.env;
    return { ...rest, XDG_CONFIG_HOME: configHome, NO_COLOR: '1', ...extra };
  };
  const faultline = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) =>
    runProcess(process.execPath, [CLI_PATH, ...args], {
      env: options.env ?? envFor(home.dir),
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  const ok = async (args: string[], input?: string) => {
    const result = await faultline(args, input === undefined ? {} : { input });
    assert.equal(result.code, 0, `faultline ${args.join(' ')}: ${result.stderr}`);
    return result;
  };

  before(async () => {
    server = await startTestServer({
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      // So a revoked token's stream ends within the test's patience.
      streamKeepaliveMs: 300,
    });
  });
  after(async () => {
    await server.stop();
    home.cleanup();
    otherHome.cleanup();
  });

  it('login trades the password for a token saved readable by its owner only', async () => {
    const wrong = await faultline(['login', '--url', server.url, '--email', ADMIN_EMAIL], {
      input: 'not the password\n',
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^faultline login: wrong email or password\n$/);

    const login = await ok(
      ['login', '--url', server.url, '--email', ADMIN_EMAIL],
      `${ADMIN_PASSWORD}\n`,
    );
    assert.match(login.stderr, new RegExp(`logged in to ${server.url} as ${ADMIN_EMAIL}`));
    const saved = statSync(join(home.dir, 'faultline', 'credentials.json'));
    assert.equal(saved.mode & 0o777, 0o600);
    assert.equal(statSync(join(home.dir, 'faultline')).mode & 0o077, 0);

    const whoami = JSON.parse((await ok(['whoami', '--json'])).stdout);
    assert.equal(whoami.user.email, ADMIN_EMAIL);
    assert.equal(whoami.scope, 'admin');
    assert.equal(whoami.csrfToken, null, 'the CLI holds a token, not a session');
  });

  it('project create prints a DSN that takes events; list and keys show it', async () => {
    const created = JSON.parse(
      (await ok(['project', 'create', '--name', 'checkout', '--json'])).stdout,
    );
    assert.equal(created.name, 'checkout');
    const dsn = new URL(created.keys[0].dsn);
    const eventId = await sendEvent(server, dsn.username, created.id);
    assert.ok(await server.store.getEvent(created.id, eventId), 'the new DSN works');

    const listed = JSON.parse((await ok(['project', 'list', '--json'])).stdout);
    assert.deepEqual(
      listed.map((project: { name: string }) => project.name).sort(),
      ['checkout', 'default'].sort(),
    );
    const table = (await ok(['project', 'list'])).stdout.split('\n');
    assert.match(table[0]!, /^ID +NAME +RETENTION +CREATED$/);
    assert.ok(table.some((line) => new RegExp(`^${created.id} +checkout +default `).test(line)));

    const keys = JSON.parse(
      (await ok(['project', 'keys', '--project', String(created.id), '--json'])).stdout,
    );
    assert.deepEqual(
      keys.map((key: { dsn: string }) => key.dsn),
      [created.keys[0].dsn],
    );
  });

  it('user create makes a member who sees only their projects; passwd resets it', async () => {
    const project = JSON.parse(
      (await ok(['project', 'create', '--name', 'billing', '--json'])).stdout,
    );
    const member = 'Dev@Example.com';
    const created = JSON.parse(
      (
        await ok(
          [
            'user',
            'create',
            '--email',
            member,
            '--role',
            'member',
            '--project',
            String(project.id),
            '--json',
          ],
          'first password 123\n',
        )
      ).stdout,
    );
    assert.deepEqual(created.projects, [project.id]);
    const users = (await ok(['user', 'list'])).stdout;
    assert.match(
      users,
      new RegExp(`^${created.id} +dev@example\\.com +member +${project.id}$`, 'm'),
    );

    await ok(['user', 'passwd', '--email', member], 'second password 456\n');
    const memberEnv = envFor(otherHome.dir);
    const refused = await faultline(['login', '--url', server.url, '--email', member], {
      input: 'first password 123\n',
      env: memberEnv,
    });
    assert.equal(refused.code, 1, 'the old password no longer works');
    const login = await faultline(['login', '--url', server.url, '--email', member], {
      input: 'second password 456\n',
      env: memberEnv,
    });
    assert.equal(login.code, 0, login.stderr);
    const seen = JSON.parse(
      (await faultline(['project', 'list', '--json'], { env: memberEnv })).stdout,
    );
    assert.deepEqual(
      seen.map((p: { id: number }) => p.id),
      [project.id],
    );
    const forbidden = await faultline(['user', 'list'], { env: memberEnv });
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /^faultline user: only an admin may do this$/m);
  });

  it('token create prints only the secret on stdout; revoke ends it', async () => {
    const created = await ok(['token', 'create', '--name', 'ci', '--scope', 'read']);
    const token = created.stdout.trim();
    assert.match(token, /^flt_\S+$/);
    assert.match(created.stderr, /shown this once/);
    const asToken = envFor(otherHome.dir, { FAULTLINE_URL: server.url, FAULTLINE_TOKEN: token });
    const whoami = await faultline(['whoami'], { env: asToken });
    assert.match(
      whoami.stdout,
      new RegExp(`^${ADMIN_EMAIL} \\(admin\\) on .*token scope read$`, 'm'),
    );
    const readOnly = await faultline(['project', 'create', '--name', 'x'], { env: asToken });
    assert.equal(readOnly.code, 1);
    assert.match(readOnly.stderr, /scope/);

    const tokens = JSON.parse((await ok(['token', 'list', '--json'])).stdout);
    const ci = tokens.find((listed: { name: string }) => listed.name === 'ci');
    assert.ok(ci);
    assert.ok(ci.lastUsedAt, 'using it recorded when');
    await ok(['token', 'revoke', '--id', String(ci.id)]);
    const revoked = await faultline(['whoami'], { env: asToken });
    assert.equal(revoked.code, 1);
    assert.match(revoked.stderr, /not valid .*run faultline login/);
  });

  it('tail prints each new event of the chosen project as one inert line', async () => {
    const projectId = server.projectId;
    const tail = await spawnTail(['--project', String(projectId)], envFor(home.dir));
    const url = `${server.url}/api/${projectId}/envelope/${authQuery(server.publicKey)}`;
    // Event text is the sender's: an escape sequence in it must not reach the terminal.
    const hostile = nodeErrorEvent(newEventId(), {
      exception: { values: [{ type: 'TailError', value: 'clear \u001b[2J screen' }] },
    });
    assert.equal((await post(url, eventEnvelope(hostile))).status, 200);
    const [line] = await tail.untilLines(1);
    assert.equal(await tail.stop(), 0);
    assert.match(
      line!,
      /^\d{4}-\d\d-\d\dT\S+Z {2}error {4}issue \d+ {2}TailError: clear {2}\[2J screen/,
    );
    assert.match(line!, /\[new issue\]$/);
    assert.doesNotMatch(line!, /\u001b/);
    assert.equal(tail.lines().length, 1);
  });

  it('tail ends with a clear message when its token is revoked', async () => {
    const token = (
      await ok(['token', 'create', '--name', 'tail', '--scope', 'read'])
    ).stdout.trim();
    const tail = await spawnTail(
      ['--json'],
      envFor(otherHome.dir, { FAULTLINE_URL: server.url, FAULTLINE_TOKEN: token }),
    );
    const eventId = await sendEvent(server, server.publicKey, server.projectId);
    const [line] = await tail.untilLines(1);
    assert.equal(JSON.parse(line!).eventId, eventId);
    const tokens = JSON.parse((await ok(['token', 'list', '--json'])).stdout);
    await ok([
      'token',
      'revoke',
      '--id',
      String(tokens.find((t: { name: string }) => t.name === 'tail').id),
    ]);
    // The stream re-checks its credentials at each keepalive; then tail cannot reconnect.
    const code = await Promise.race([
      tail.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000)),
    ]);
    if (code === 'still running') await tail.stop();
    assert.equal(code, 1, tail.stderr());
    assert.match(tail.stderr(), /faultline tail: this API token is not valid/);
  });

  it('a saved token is only sent to the server it came from', async () => {
    const elsewhere = await faultline(['project', 'list', '--url', 'http://127.0.0.1:1']);
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.stderr, /not logged in to http:\/\/127\.0\.0\.1:1/);
    const unreachable = await faultline(['whoami'], {
      env: envFor(otherHome.dir, { FAULTLINE_URL: 'http://127.0.0.1:1', FAULTLINE_TOKEN: 'flt_x' }),
    });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /could not reach http:\/\/127\.0\.0\.1:1/);
  });

  it('explains bad arguments and missing logins', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['user'], 2, /say what to do: faultline user list\|create\|passwd/],
      [['user', 'constructor'], 2, /unknown sub-command "constructor"/],
      [['constructor'], 2, /unknown command "constructor"/],
      [
        ['user', 'create', '--email', 'a@b.c', '--role', 'owner'],
        2,
        /--role must be admin or member/,
      ],
      [['user', 'create', '--role', 'member'], 2, /--email EMAIL is required/],
      [
        ['token', 'create', '--name', 'x', '--scope', 'root'],
        2,
        /--scope must be one of read, write, admin/,
      ],
      [['project', 'keys'], 2, /--project ID is required/],
      [['project', 'keys', '--project', 'x'], 2, /--project must be a positive whole number/],
      [['tail', '--url', 'ftp://x'], 2, /--url must be an http/],
      [['login', '--url', server.url], 2, /--email EMAIL is required/],
    ];
    for (const [args, code, message] of cases) {
      const result = await faultline(args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
    const fresh = makeTempDir();
    try {
      const nobody = await faultline(['project', 'list'], { env: envFor(fresh.dir) });
      assert.equal(nobody.code, 1);
      assert.match(nobody.stderr, /which server\? run `faultline login --url URL/);
      const badDuplicate = await faultline(
        ['user', 'create', '--email', ADMIN_EMAIL, '--role', 'admin'],
        {
          input: 'long enough password\n',
        },
      );
      assert.equal(badDuplicate.code, 1);
      assert.match(badDuplicate.stderr, /\(body\.email\)/);
    } finally {
      fresh.cleanup();
    }
  });

  it('logging in again replaces the saved token and revokes the old one', async () => {
    const path = join(home.dir, 'faultline', 'credentials.json');
    const before = JSON.parse(readFileSync(path, 'utf8'));
    await ok(['login', '--email', ADMIN_EMAIL], `${ADMIN_PASSWORD}\n`);
    const after = JSON.parse(readFileSync(path, 'utf8'));
    assert.notEqual(after.token, before.token);
    const withOld = await faultline(['whoami'], {
      env: envFor(otherHome.dir, { FAULTLINE_URL: server.url, FAULTLINE_TOKEN: before.token }),
    });
    assert.equal(withOld.code, 1, 'the replaced token was revoked');
    await ok(['whoami']);
  });

  it('a broken saved login does not stop a command given its URL and token', async () => {
    const path = join(home.dir, 'faultline', 'credentials.json');
    const saved = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, '{"url": "not a url", "token": "x"}');
      const broken = await faultline(['whoami']);
      assert.equal(broken.code, 1);
      assert.match(
        broken.stderr,
        /credentials\.json names no valid server: run faultline login again/,
      );
      const token = JSON.parse(saved).token;
      const given = await faultline(['whoami'], {
        env: envFor(home.dir, { FAULTLINE_URL: server.url, FAULTLINE_TOKEN: token }),
      });
      assert.equal(given.code, 0, given.stderr);
    } finally {
      writeFileSync(path, saved);
    }
  });

  it('logout revokes the saved token and forgets it', async () => {
    const saved = JSON.parse(readFileSync(join(home.dir, 'faultline', 'credentials.json'), 'utf8'));
    await ok(['logout']);
    assert.throws(() => statSync(join(home.dir, 'faultline', 'credentials.json')));
    const withOldToken = await faultline(['whoami'], {
      env: envFor(otherHome.dir, { FAULTLINE_URL: server.url, FAULTLINE_TOKEN: saved.token }),
    });
    assert.equal(withOldToken.code, 1, 'the token no longer works anywhere');
  });
});
