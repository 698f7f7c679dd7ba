/** The issue list's sparkline series (`stats=24h|14d`), from real events over HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

describe('issue list stats', () => {
  let server: TestServer;
  let token: string;
  /** The hour the events were sent in: the list may be asked for in the next one. */
  let sentHour: number;
  const list = (query: string) =>
    call(server, 'GET', `/api/0/projects/${server.projectId}/issues/?${query}`, { as: { token } });

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'read');
    const now = Date.now() / 1000;
    sentHour = Math.floor(now / 3600);
    for (const secondsAgo of [0, 0, 3 * 3600, 30 * 3600]) {
      await sendEvent(server, server.publicKey, server.projectId, {
        fingerprint: ['spark'],
        timestamp: now - secondsAgo,
      });
    }
    await sendEvent(server, server.publicKey, server.projectId, {
      fingerprint: ['quiet'],
      timestamp: now - 20 * 86400,
    });
  });
  after(() => server.stop());

  it('gives each issue its events per hour over 24 hours, oldest first, ending now', async () => {
    const answer = await list('stats=24h&query=');
    assert.equal(answer.status, 200);
    const spark = answer.body.find((issue: { count: number }) => issue.count === 4);
    assert.equal(spark.stats.length, 24);
    const shift = Math.floor(Date.now() / 1000 / 3600) - sentHour;
    assert.equal(spark.stats[23 - shift], 2, 'this hour');
    assert.equal(spark.stats[20 - shift], 1, 'three hours ago');
    assert.equal(
      spark.stats.reduce((a: number, b: number) => a + b, 0),
      3,
      'the one 30 h ago is out',
    );
    const quiet = answer.body.find((issue: { count: number }) => issue.count === 1);
    assert.deepEqual(quiet.stats, new Array(24).fill(0));
  });

  it('per day over 14 days; no stats unless asked; a bad period is a 400 naming it', async () => {
    const days = (await list('stats=14d&query=')).body;
    const spark = days.find((issue: { count: number }) => issue.count === 4);
    assert.equal(spark.stats.length, 14);
    assert.equal(
      spark.stats.reduce((a: number, b: number) => a + b, 0),
      4,
    );
    assert.equal((await list('query=')).body[0].stats, undefined);
    const bad = await list('stats=1y');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'query.stats');
  });
});
