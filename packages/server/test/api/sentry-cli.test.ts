/**
 * The real sentry-cli, 3.x and the latest 2.x (npm alias @sentry/cli-2), against a real server
 * with SENTRY_URL, SENTRY_AUTH_TOKEN, SENTRY_ORG and SENTRY_PROJECT set, as a CI job or a
 * bundler plugin runs it: `info`, `releases new`, `finalize`, `deploys new`, `list`, each
 * asserted in storage. Then the bad inputs of Sentry's API routes, each a 4xx in Sentry's
 * `{"detail": …}` shape, which sentry-cli prints.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { getRelease, listDeploys } from '../../src/store/releases.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  createToken,
  login,
  sendEvent,
} from '../helpers/api-client.js';
import { SERVER_PACKAGE_DIR } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const MODULES = path.join(SERVER_PACKAGE_DIR, '..', '..', 'node_modules', '@sentry');
const CLIS = [
  { name: 'sentry-cli 3.x', bin: path.join(MODULES, 'cli', 'bin', 'sentry-cli'), major: '3' },
  { name: 'sentry-cli 2.x', bin: path.join(MODULES, 'cli-2', 'bin', 'sentry-cli'), major: '2' },
];

describe('sentry-cli against Sentry API routes', () => {
  let server: TestServer;
  let writeToken: string;
  let readToken: string;
  const home = makeTempDir('faultline-sentry-cli-');

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const admin = await login(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    writeToken = await createToken(server, admin, 'write');
    readToken = await createToken(server, admin, 'read');
  });
  after(async () => {
    await server.stop();
    home.cleanup();
  });

  /** Runs a CLI with the environment a CI job sets, and nothing of this machine's config. */
  const run = (bin: string, args: string[], env: Record<string, string> = {}) =>
    runProcess(process.execPath, [bin, ...args], {
      timeoutMs: 60_000,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home.dir,
        SENTRY_URL: server.url,
        SENTRY_AUTH_TOKEN: writeToken,
        SENTRY_ORG: 'faultline',
        SENTRY_PROJECT: 'default',
        SENTRY_DISABLE_UPDATE_CHECK: '1',
        SENTRYCLI_SKIP_DOWNLOAD: '1',
        ...env,
      },
    });

  for (const cli of CLIS) {
    describe(cli.name, () => {
      const version = `web@${cli.major}.4.0`;

      it('is the version it says', async () => {
        const result = await run(cli.bin, ['--version']);
        assert.match(result.stdout, new RegExp(`sentry-cli ${cli.major}\\.`));
      });

      it('info: finds the server, the organization and the token', async () => {
        const result = await run(cli.bin, ['info']);
        assert.equal(result.code, 0, result.stderr + result.stdout);
        assert.match(result.stdout, /faultline/);
        assert.match(result.stdout, /project:releases/);
        assert.match(result.stdout, new RegExp(ADMIN_EMAIL.replace('.', '\\.')));
      });

      it('releases new, finalize, deploys new and list: each stored', async () => {
        const created = await run(cli.bin, ['releases', 'new', version]);
        assert.equal(created.code, 0, created.stderr + created.stdout);
        const release = await getRelease(server.store.sql, server.projectId, version);
        assert.ok(release, 'the release is stored in the default project');
        assert.equal(release.dateReleased, undefined);

        const finalized = await run(cli.bin, ['releases', 'finalize', version]);
        assert.equal(finalized.code, 0, finalized.stderr + finalized.stdout);
        const final = (await getRelease(server.store.sql, server.projectId, version))!;
        assert.ok(final.dateReleased !== undefined, 'finalized');
        assert.ok(Math.abs(final.dateReleased - Date.now() / 1000) < 600);

        const deployed = await run(cli.bin, [
          'releases',
          'deploys',
          version,
          'new',
          '-e',
          'production',
        ]);
        assert.equal(deployed.code, 0, deployed.stderr + deployed.stdout);
        const deploys = await listDeploys(server.store.sql, release.id, 10);
        assert.deepEqual(
          deploys.map((deploy) => deploy.environment),
          ['production'],
        );

        const listed = await run(cli.bin, ['releases', 'list']);
        assert.equal(listed.code, 0, listed.stderr + listed.stdout);
        assert.ok(listed.stdout.includes(version), listed.stdout);

        const deployList = await run(cli.bin, ['releases', 'deploys', version, 'list']);
        assert.equal(deployList.code, 0, deployList.stderr + deployList.stdout);
        assert.match(deployList.stdout, /production/);
      });

      it('releases delete: removes a release no event names, refuses one that events do', async () => {
        const spare = `spare@${cli.major}`;
        assert.equal((await run(cli.bin, ['releases', 'new', spare])).code, 0);
        const deleted = await run(cli.bin, ['releases', 'delete', spare]);
        assert.equal(deleted.code, 0, deleted.stderr + deleted.stdout);
        assert.equal(await getRelease(server.store.sql, server.projectId, spare), undefined);
        await sendEvent(server, server.publicKey, server.projectId, { release: spare });
        const refused = await run(cli.bin, ['releases', 'delete', spare]);
        assert.notEqual(refused.code, 0);
        assert.match(refused.stderr, /referenced by events/);
        assert.ok(await getRelease(server.store.sql, server.projectId, spare));
      });

      it('says "organization not found" for another organization, and prints a refusal', async () => {
        const wrongOrg = await run(cli.bin, ['releases', 'new', 'web@9'], { SENTRY_ORG: 'nope' });
        assert.notEqual(wrongOrg.code, 0);
        // 3.x creates through the organization route, 2.x through the project-scoped one.
        assert.match(wrongOrg.stderr, /(organization|project) not found/i);
        const readOnly = await run(cli.bin, ['releases', 'new', 'web@9'], {
          SENTRY_AUTH_TOKEN: readToken,
        });
        assert.notEqual(readOnly.code, 0);
        assert.match(readOnly.stderr, /scope/, 'the detail is printed');
        assert.equal(await getRelease(server.store.sql, server.projectId, 'web@9'), undefined);
      });
    });
  }

  describe('bad input', () => {
    const releases = '/api/0/organizations/faultline/releases/';
    const good = { version: 'bad@1', projects: ['default'] };

    it('an unknown organization is a 404 with a detail', async () => {
      const response = await call(server, 'POST', '/api/0/organizations/nope/releases/', {
        as: { token: writeToken },
        body: good,
      });
      assert.equal(response.status, 404);
      assert.match(response.body.detail, /no organization nope/);
      const listed = await call(server, 'GET', '/api/0/projects/nope/default/releases/', {
        as: { token: writeToken },
      });
      assert.equal(listed.status, 404);
      assert.equal(typeof listed.body.detail, 'string');
    });

    it('no token is a 401, a read-only token a 403, each with a detail', async () => {
      const anonymous = await call(server, 'POST', releases, { body: good });
      assert.equal(anonymous.status, 401);
      assert.equal(typeof anonymous.body.detail, 'string');
      const bogus = await call(server, 'GET', releases, { as: { token: 'flt_nope' } });
      assert.equal(bogus.status, 401);
      assert.match(bogus.body.detail, /not valid/);
      const readOnly = await call(server, 'POST', releases, {
        as: { token: readToken },
        body: good,
      });
      assert.equal(readOnly.status, 403);
      assert.match(readOnly.body.detail, /write scope/);
    });

    it('malformed JSON, bad fields and unknown projects are 400s; a body over 1 MiB a 413', async () => {
      const as = { token: writeToken };
      const cases: Array<[unknown, RegExp]> = [
        ['{"version": ', /not valid JSON/],
        [{ version: 'x'.repeat(201), projects: ['default'] }, /body\.version/],
        [{ version: 'a/b', projects: ['default'] }, /body\.version/],
        [{ version: 'a\u0000b', projects: ['default'] }, /body\.version/],
        [{ version: 'latest', projects: ['default'] }, /body\.version/],
        [{ version: 'ok@1' }, /body\.projects/],
        [{ version: 'ok@1', projects: ['nope'] }, /Invalid project/],
        [{ version: 'ok@1', projects: ['default'], dateReleased: 'yesterday' }, /dateReleased/],
      ];
      for (const [body, detail] of cases) {
        const response = await call(server, 'POST', releases, { as, body });
        assert.equal(response.status, 400, JSON.stringify(body).slice(0, 100));
        assert.match(response.body.detail, detail);
      }
      const deploy = await call(server, 'POST', `${releases}web%403.4.0/deploys/`, {
        as,
        body: { environment: 'a/b' },
      });
      assert.equal(deploy.status, 400);
      assert.match(deploy.body.detail, /body\.environment/);
      const huge = await call(server, 'POST', releases, {
        as,
        body: { ...good, url: `https://x/${'a'.repeat(1024 * 1024)}` },
      });
      assert.equal(huge.status, 413);
      assert.equal(typeof huge.body.detail, 'string');
      for (const version of ['ok@1', 'bad@1']) {
        assert.equal(await getRelease(server.store.sql, server.projectId, version), undefined);
      }
    });

    it('a release or deploy of an unknown version is a 404 with a detail', async () => {
      const as = { token: writeToken };
      for (const [method, path, body] of [
        ['GET', `${releases}nope/`, undefined],
        ['PUT', `${releases}nope/`, { dateReleased: new Date().toISOString() }],
        ['POST', `${releases}nope/deploys/`, { environment: 'production' }],
      ] as const) {
        const response = await call(server, method, path, { as, ...(body ? { body } : {}) });
        assert.equal(response.status, 404, `${method} ${path}`);
        assert.match(response.body.detail, /no release nope/);
      }
    });
  });
});
