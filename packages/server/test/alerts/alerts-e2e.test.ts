/**
 * Alerts as a team runs them: a real server, real events over HTTP, a real SMTP server and a
 * real webhook receiver on loopback. Delivery timing is shortened (a 2 s storm window, 200 ms
 * retries) so the storm and retry cases take seconds.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { dsnFromString } from '@faultline/protocol';
import { startServer } from '../../src/server.js';
import type { RunningServer, ServerOptions } from '../../src/server.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import {
  authQuery,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from '../helpers/envelopes.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

const TIMING = { stormWindowSeconds: 2, retryBaseSeconds: 0.2, maxAttempts: 20 };

interface Received {
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** A webhook receiver; answers `status()` (200 unless told otherwise). */
async function startReceiver(port = 0) {
  const received: Received[] = [];
  let status = () => 200;
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const answer = status();
      if (answer === 200) received.push({ body: JSON.parse(text), headers: request.headers });
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answer(next: () => number) {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startSmtp() {
  const mails: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

describe('alerts end to end', () => {
  const data = makeTempDir();
  let server: RunningServer;
  let token: string;
  let envelopeUrl: string;
  let projectId: number;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  const serverOptions = (): ServerOptions => ({
    store: { kind: 'sqlite', dataDir: data.dir },
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: process.env['FAULTLINE_TEST_LOG'] ?? 'silent' }),
    admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    alerts: TIMING,
  });
  const api = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { as: { token }, ...(body === undefined ? {} : { body }) });
  const send = async (fingerprint: string) => {
    const answer = await post(
      envelopeUrl,
      eventEnvelope(
        nodeErrorEvent(newEventId(), {
          fingerprint: [fingerprint],
          exception: { values: [{ type: 'TypeError', value: `x is undefined (${fingerprint})` }] },
        }),
      ),
    );
    assert.equal(answer.status, 200);
  };
  /** A project with one email and one webhook channel, told of `trigger`. */
  const alertingProject = async (
    name: string,
    trigger: string,
    channels: Array<{ name: string; config: unknown }>,
  ) => {
    const project = await api('POST', '/api/0/projects/', { name });
    assert.equal(project.status, 201, JSON.stringify(project.body));
    const channelIds: number[] = [];
    for (const channel of channels) {
      const created = await api(
        'POST',
        `/api/0/projects/${project.body.id}/alert-channels/`,
        channel,
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      channelIds.push(created.body.id);
    }
    const rule = await api('POST', `/api/0/projects/${project.body.id}/alert-rules/`, {
      name: `${trigger} rule`,
      trigger,
      channelIds,
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    const dsn = dsnFromString(project.body.keys[0].dsn);
    return {
      id: project.body.id as number,
      envelopeUrl: `${server.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`,
    };
  };

  before(async () => {
    smtp = await startSmtp();
    hook = await startReceiver();
    server = await startServer(serverOptions());
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin');
    const project = await alertingProject('checkout', 'new_issue', [
      {
        name: 'on-call mail',
        config: {
          kind: 'email',
          host: '127.0.0.1',
          port: smtp.port,
          security: 'none',
          from: 'faultline@example.com',
          to: ['oncall@example.com'],
        },
      },
      { name: 'hook', config: { kind: 'webhook', url: hook.url, secret: 'shh' } },
    ]);
    projectId = project.id;
    envelopeUrl = project.envelopeUrl;
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    await hook?.close();
    data.cleanup();
  });

  it('a new issue sends exactly one email and one webhook, with the issue in them', async () => {
    await send('first');
    await until('the webhook', () => hook.received.length >= 1);
    await until('the email', () => smtp.mails.length >= 1);
    await send('first'); // the same issue again: no news
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(hook.received.length, 1);
    assert.equal(smtp.mails.length, 1);
    const body = hook.received[0]!.body;
    assert.equal(body.trigger, 'new_issue');
    assert.equal(body.project.name, 'checkout');
    assert.equal(body.issues.length, 1);
    assert.match(body.issues[0].title, /^TypeError: x is undefined \(first\)/);
    assert.match(body.issues[0].url, new RegExp(`^${server.url}/issues/\\d+/$`));
    assert.match(
      String(hook.received[0]!.headers['x-faultline-signature']),
      /^sha256=[0-9a-f]{64}$/,
    );
    assert.deepEqual(smtp.mails[0]!.to, ['oncall@example.com']);
    assert.match(
      smtp.mails[0]!.raw.replace(/\r?\n\s+/g, ' '),
      /^Subject: \[Faultline\] New issue in checkout/m,
    );

    const log = await api('GET', `/api/0/projects/${projectId}/alert-notifications/`);
    assert.equal(log.status, 200);
    assert.equal(log.body.length, 2, 'one notification per channel');
    for (const notification of log.body) {
      assert.equal(notification.status, 'sent');
      assert.equal(notification.attemptLog.length, 1);
      assert.equal(notification.attemptLog[0].ok, true);
    }
  });

  it('a regression sends one notification', async () => {
    const regressions = await startReceiver();
    try {
      const project = await alertingProject('regressing', 'regression', [
        { name: 'hook', config: { kind: 'webhook', url: regressions.url } },
      ]);
      envelopeUrl = project.envelopeUrl;
      await send('regress');
      await server.idle();
      const [issue] = (await api('GET', `/api/0/projects/${project.id}/issues/`)).body;
      assert.equal(
        (await api('PUT', `/api/0/issues/${issue.id}/`, { status: 'resolved' })).status,
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 20)); // after the resolution, by the clock
      await send('regress');
      await until('the regression', () => regressions.received.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(regressions.received.length, 1);
      assert.equal(regressions.received[0]!.body.trigger, 'regression');
      assert.equal(regressions.received[0]!.body.issues[0].id, issue.id);
    } finally {
      await regressions.close();
    }
  });

  it('a storm of 500 new issues sends a bounded number of summaries that count them all', async () => {
    const storm = await startReceiver();
    try {
      const project = await alertingProject('storm', 'new_issue', [
        { name: 'hook', config: { kind: 'webhook', url: storm.url } },
      ]);
      envelopeUrl = project.envelopeUrl;
      for (let batch = 0; batch < 50; batch += 1) {
        await Promise.all(Array.from({ length: 10 }, (_, n) => send(`storm-${batch}-${n}`)));
      }
      const counted = () =>
        storm.received.reduce((sum, { body }) => sum + body.issues.length + body.moreIssues, 0);
      await until('every issue told', () => counted() === 500, 30_000);
      assert.ok(storm.received.length <= 8, `${storm.received.length} messages for 500 issues`);
      assert.ok(
        storm.received.some(({ body }) => body.moreIssues > 0),
        'summaries say "and N more"',
      );
    } finally {
      await storm.close();
    }
  });

  it('a failing receiver is retried, and then it succeeds', async () => {
    const flaky = await startReceiver();
    let failures = 0;
    flaky.answer(() => (failures++ < 3 ? 503 : 200));
    try {
      const project = await alertingProject('flaky', 'new_issue', [
        { name: 'hook', config: { kind: 'webhook', url: flaky.url } },
      ]);
      envelopeUrl = project.envelopeUrl;
      await send('flaky');
      await until('delivery after retries', () => flaky.received.length >= 1);
      const [notification] = (
        await api('GET', `/api/0/projects/${project.id}/alert-notifications/`)
      ).body;
      assert.equal(notification.status, 'sent');
      assert.deepEqual(
        notification.attemptLog.map((attempt: { ok: boolean }) => attempt.ok),
        [false, false, false, true],
      );
      assert.match(notification.attemptLog[0].detail, /503/);
      assert.equal(flaky.received[0]!.body.id, notification.id, 'the body names the notification');
    } finally {
      await flaky.close();
    }
  });

  it('a restart between the trigger and the delivery still delivers', async () => {
    const port = await freePort();
    const project = await alertingProject('restart', 'new_issue', [
      { name: 'hook', config: { kind: 'webhook', url: `http://127.0.0.1:${port}/hook` } },
    ]);
    envelopeUrl = project.envelopeUrl;
    await send('restart');
    // Nothing listens yet: the first attempt fails, and the server stops before another.
    const attempted = async () => {
      const [n] = (await api('GET', `/api/0/projects/${project.id}/alert-notifications/`)).body;
      return n !== undefined && n.attempts > 0;
    };
    await until('a failed attempt', attempted, 10_000);
    assert.ok(await attempted(), 'the first attempt failed');
    await server.close();
    const late = await startReceiver(port);
    try {
      server = await startServer(serverOptions());
      await until('delivery after the restart', () => late.received.length >= 1);
      assert.equal(late.received[0]!.body.issues[0].title.includes('(restart)'), true);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(late.received.length, 1, 'delivered once');
    } finally {
      await late.close();
    }
  });
});
