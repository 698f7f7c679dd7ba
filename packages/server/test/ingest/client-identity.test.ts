/**
 * What an event leaves to the server about its sender is filled from the request, as Sentry
 * does: a missing `sdk` from `sentry_client` (header or query) or the User-Agent, and
 * `user.ip_address: "{{auto}}"` from the connection's address. Real HTTP into a real server,
 * on SQLite and PostgreSQL (the queue carries both from ingest to digest); the real raven-node
 * and sentry-python clients; and what a client sends to pass for someone else is ignored.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pino } from 'pino';
import { dsnFromString } from '@faultline/protocol';
import { startServer } from '../../src/server.js';
import type { RunningServer } from '../../src/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { envelope, newEventId, post } from '../helpers/envelopes.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-process.js';
import { spawnServer } from '../helpers/server-process.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { until } from '../helpers/until.js';

// Debian's package installs for Debian's interpreter, whatever python3 comes first on PATH.
const DEBIAN_PYTHON = '/usr/bin/python3';

interface Ingest {
  server: RunningServer;
  reader: Store;
  projectId: number;
  publicKey: string;
  storeUrl: string;
  envelopeUrl: string;
}

async function startIngest(store: StoreConfig, trustProxy?: number): Promise<Ingest> {
  const server = await startServer({
    store,
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
  const dsn = dsnFromString(server.dsn);
  const base = `${server.url}/api/${dsn.projectId}`;
  return {
    server,
    reader: await openStore(store),
    projectId: Number(dsn.projectId),
    publicKey: dsn.publicKey,
    storeUrl: `${base}/store/`,
    envelopeUrl: `${base}/envelope/`,
  };
}

async function stopIngest(ingest: Ingest | undefined): Promise<void> {
  await ingest?.server.close();
  await ingest?.reader.close();
}

/** Posts one event to /store/ with `headers` and returns it as digest stored it. */
async function storeEvent(
  ingest: Ingest,
  event: Record<string, unknown>,
  headers: Record<string, string>,
  query = '',
): Promise<Record<string, unknown>> {
  const eventId = newEventId();
  const response = await post(
    ingest.storeUrl + query,
    JSON.stringify({ event_id: eventId, ...event }),
    { 'content-type': 'application/json', ...headers },
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return storedEvent(ingest, eventId);
}

async function storedEvent(ingest: Ingest, eventId: string): Promise<Record<string, unknown>> {
  await ingest.server.idle();
  const record = await ingest.reader.getEvent(ingest.projectId, eventId);
  assert.ok(record, `event ${eventId} is stored`);
  return record.event;
}

function ravenAuth(ingest: Ingest, client: string): Record<string, string> {
  return {
    'x-sentry-auth': `Sentry sentry_version=7, sentry_client=${client}, sentry_key=${ingest.publicKey}`,
  };
}

const userOf = (event: Record<string, unknown>) =>
  event['user'] as Record<string, unknown> | undefined;

for (const dialect of await storeDialects()) {
  describe(
    `the sender's identity from the request (${dialect.name})`,
    { skip: dialect.skip },
    () => {
      let ingest: Ingest;
      before(async () => {
        ingest = await startIngest(await dialect.config());
      });
      after(async () => {
        await stopIngest(ingest);
      });

      it("gives an event without sdk the one sentry_client names (raven-go's /store/)", async () => {
        const event = await storeEvent(
          ingest,
          { platform: 'go', message: 'raven-go sends no sdk' },
          { ...ravenAuth(ingest, 'raven-go/0.2'), 'user-agent': 'Go-http-client/1.1' },
        );
        assert.deepEqual(event['sdk'], { name: 'raven-go', version: '0.2' });
      });

      it('keeps the sdk an event names itself', async () => {
        const sdk = {
          name: 'sentry.python',
          version: '1.9.10',
          packages: [{ name: 'pypi:sentry-sdk', version: '1.9.10' }],
        };
        const event = await storeEvent(
          ingest,
          { platform: 'python', message: 'has its own sdk', sdk },
          ravenAuth(ingest, 'raven-go/0.2'),
        );
        assert.deepEqual(event['sdk'], sdk);
      });

      it('reads sentry_client from the query string (raven-js), else the User-Agent (sentry-ruby)', async () => {
        const fromQuery = await storeEvent(
          ingest,
          { platform: 'javascript', message: 'raven-js' },
          {},
          `?sentry_version=7&sentry_client=raven-js%2F3.27.2&sentry_key=${ingest.publicKey}`,
        );
        assert.deepEqual(fromQuery['sdk'], { name: 'raven-js', version: '3.27.2' });

        const fromUserAgent = await storeEvent(
          ingest,
          { platform: 'ruby', message: 'sentry-ruby' },
          {
            'x-sentry-auth': `Sentry sentry_version=7, sentry_key=${ingest.publicKey}`,
            'user-agent': 'sentry-ruby/5.3.0',
          },
        );
        assert.deepEqual(fromUserAgent['sdk'], { name: 'sentry-ruby', version: '5.3.0' });
      });

      it('puts the connection\'s address in place of "{{auto}}"', async () => {
        const event = await storeEvent(
          ingest,
          { platform: 'python', user: { id: '7', ip_address: '{{auto}}' } },
          ravenAuth(ingest, 'raven-python/6.10.0'),
        );
        assert.deepEqual(userOf(event), { id: '7', ip_address: '127.0.0.1' });
      });

      it('stores a client string with control characters, without them', async () => {
        const event = await storeEvent(
          ingest,
          { platform: 'go', message: 'NUL is not text to PostgreSQL' },
          {},
          `?sentry_key=${ingest.publicKey}&sentry_client=raven%00-go%2F0.2%0A`,
        );
        assert.deepEqual(event['sdk'], { name: 'raven-go', version: '0.2' });
      });

      it('ignores an address or client the client claims, in headers or the envelope', async () => {
        const eventId = newEventId();
        const body = envelope(
          {
            event_id: eventId,
            // Names a proxy or a relay might use: ingest reads none of them.
            client_ip: '203.0.113.66',
            clientIp: '203.0.113.66',
            forwarded_for: '203.0.113.66',
            client_agent: 'spoofed/6.6.6',
          },
          [
            {
              headers: { type: 'event' },
              payload: JSON.stringify({
                event_id: eventId,
                platform: 'javascript',
                user: { ip_address: '{{auto}}' },
              }),
            },
          ],
        );
        const response = await post(
          `${ingest.envelopeUrl}?sentry_key=${ingest.publicKey}&sentry_client=raven-js%2F3.27.2`,
          body,
          { 'x-forwarded-for': '203.0.113.66', 'x-real-ip': '203.0.113.66' },
        );
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const event = await storedEvent(ingest, eventId);
        assert.deepEqual(userOf(event), { ip_address: '127.0.0.1' });
        assert.deepEqual(event['sdk'], { name: 'raven-js', version: '3.27.2' });
      });
    },
  );
}

describe('--trust-proxy: the client address from X-Forwarded-For', () => {
  const sqlite = storeDialects().then((dialects) => dialects.find((d) => d.name === 'sqlite')!);
  let ingest: Ingest;
  before(async () => {
    // Two proxies: the outer one appends the client, the inner one the outer one.
    ingest = await startIngest(await (await sqlite).freshConfig(), 2);
  });
  after(async () => {
    await stopIngest(ingest);
  });

  const addressFor = async (forwardedFor: string | undefined) => {
    const headers = ravenAuth(ingest, 'raven-python/6.10.0');
    if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
    const event = await storeEvent(ingest, { user: { ip_address: '{{auto}}' } }, headers);
    return userOf(event)?.['ip_address'];
  };

  it('takes the entry the trusted hops point at, never what the client wrote further left', async () => {
    assert.equal(await addressFor('203.0.113.66, 198.51.100.1, 10.0.0.2'), '198.51.100.1');
    assert.equal(await addressFor('198.51.100.1, 10.0.0.2'), '198.51.100.1');
  });

  it('stops at fewer entries, or at one that is not an address', async () => {
    assert.equal(await addressFor('10.0.0.2'), '10.0.0.2');
    assert.equal(await addressFor('not-an-address, 10.0.0.2'), '10.0.0.2');
    assert.equal(await addressFor(`fe80::1%${'z'.repeat(5000)}, 10.0.0.2`), '10.0.0.2');
    assert.equal(await addressFor('::ffff:198.51.100.1, 10.0.0.2'), '198.51.100.1');
    assert.equal(await addressFor(undefined), '127.0.0.1');
  });
});

describe('faultline serve --trust-proxy', () => {
  it('reads the client address one proxy away, and only with the flag', async () => {
    const sqlite = (await storeDialects()).find((d) => d.name === 'sqlite')!;
    for (const [args, expected] of [
      [['--trust-proxy', '1'], '198.51.100.1'],
      [[], '127.0.0.1'],
    ] as const) {
      const config = await sqlite.freshConfig();
      if (config.kind !== 'sqlite') return;
      const server = await spawnServer(config.dataDir, [...args]);
      const reader = await openStore(config);
      try {
        const dsn = dsnFromString(server.dsn);
        const eventId = newEventId();
        const response = await post(
          `${server.url}/api/${dsn.projectId}/store/?sentry_key=${dsn.publicKey}`,
          JSON.stringify({ event_id: eventId, user: { ip_address: '{{auto}}' } }),
          { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
        );
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const record = await until('the event is digested', () =>
          reader.getEvent(Number(dsn.projectId), eventId),
        );
        assert.equal(userOf(record.event)?.['ip_address'], expected, args.join(' '));
      } finally {
        await reader.close();
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
  });
});

describe('real clients without their own sdk, or with it', () => {
  const sqlite = storeDialects().then((dialects) => dialects.find((d) => d.name === 'sqlite')!);
  let ingest: Ingest;
  before(async () => {
    ingest = await startIngest(await (await sqlite).freshConfig());
  });
  after(async () => {
    await stopIngest(ingest);
  });

  it('raven-node 2.6 (npm raven) is named by its sentry_client', async () => {
    const run = await runProcess(process.execPath, [
      path.join(FIXTURES_DIR, 'raven-node-app.cjs'),
      ingest.server.dsn,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const { eventId } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { eventId: string };
    const event = await storedEvent(ingest, eventId);
    assert.deepEqual(event['sdk'], { name: 'raven-node', version: '2.6.4' });
  });

  it('sentry-python 1.9 (Debian) keeps the sdk it sends, packages and all', async () => {
    const run = await runProcess(DEBIAN_PYTHON, [
      path.join(FIXTURES_DIR, 'sentry-python-app.py'),
      ingest.server.dsn,
    ]);
    assert.equal(run.code, 0, `python3-sentry-sdk must be installed: ${run.stderr}`);
    const { event_ids: eventIds } = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      event_ids: string[];
    };
    const sdk = (await storedEvent(ingest, eventIds[0]!))['sdk'] as Record<string, unknown>;
    assert.equal(sdk['name'], 'sentry.python');
    assert.equal(sdk['version'], '1.9.10');
    assert.ok(Array.isArray(sdk['packages']), 'the packages it sent are still there');
  });
});
