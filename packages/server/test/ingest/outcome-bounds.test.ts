/**
 * Outcomes cannot fill the database: the words a client chooses (client report categories and
 * reasons, unknown item types) map onto Sentry's vocabulary, ingest's counter hands on a bounded
 * number of rows a flush, and the stats endpoint reads a bounded window in SQL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { MAX_KEYS_PER_FLUSH, OutcomeCounter } from '../../src/ingest/outcome-counter.js';
import type { OutcomeRecord } from '../../src/store/types.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { authQuery, envelope, post } from '../helpers/envelopes.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { until } from '../helpers/until.js';

describe('outcome rows are bounded', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  });
  after(async () => {
    await server.stop();
  });

  it("a client's own words become Sentry's categories and reasons, not new rows", async () => {
    const project = await server.store.createProject('words');
    const key = await server.store.createKey(project.id);
    const url = `${server.url}/api/${project.id}/envelope/${authQuery(key.publicKey)}`;
    for (let request = 0; request < 3; request++) {
      const report = {
        timestamp: Date.now() / 1000,
        discarded_events: [
          { category: 'error', reason: 'sample_rate', quantity: 2 },
          ...Array.from({ length: 99 }, () => ({
            category: randomUUID(),
            reason: randomUUID(),
            quantity: 1,
          })),
        ],
      };
      const body = envelope({}, [
        { headers: { type: 'client_report' }, payload: JSON.stringify(report) },
        ...Array.from({ length: 100 }, () => ({
          headers: { type: `x-${randomUUID()}` },
          payload: '{}',
        })),
        { headers: { type: 'session' }, payload: '{}' },
      ]);
      assert.equal((await post(url, body)).status, 200);
    }
    const rows = await until('the outcomes written', async () => {
      const stored = await server.store.listOutcomes(project.id);
      return stored.reduce((sum, row) => sum + row.quantity, 0) === 3 * (101 + 101)
        ? stored
        : undefined;
    });
    const words = rows.map((row) => [row.category, row.outcome, row.reason, row.quantity]);
    assert.deepEqual(
      words.sort(),
      [
        ['default', 'filtered', 'unsupported_item_type:other', 300],
        ['error', 'client_discard', 'sample_rate', 6],
        ['session', 'filtered', 'unsupported_item_type:session', 3],
        ['unknown', 'client_discard', 'other', 297],
      ].sort(),
    );
  });

  it("ingest's counter hands on at most MAX_KEYS_PER_FLUSH rows a flush, and counts the rest", () => {
    const flushed: OutcomeRecord[][] = [];
    const counter = new OutcomeCounter((records) => flushed.push(records), 3_600_000);
    const outcome = { category: 'error', outcome: 'accepted', reason: '', quantity: 1 } as const;
    for (let projectId = 0; projectId < MAX_KEYS_PER_FLUSH + 500; projectId++) {
      counter.add(projectId, outcome, 0);
    }
    counter.add(0, outcome, 0); // an existing row still adds up
    counter.close();
    assert.equal(flushed.length, 1);
    assert.equal(flushed[0]!.length, MAX_KEYS_PER_FLUSH);
    assert.equal(flushed[0]![0]!.quantity, 2);
    assert.equal(counter.dropped, 500);
  });

  it('the stats endpoint reads the hours since `since`, at most 10,000 rows, the newest', async () => {
    const token = await createToken(
      server,
      await login(server, ADMIN_EMAIL, ADMIN_PASSWORD),
      'read',
    );
    const hour = Math.floor(Date.now() / 1000 / 3600) * 3600;
    const row = (projectId: number, hoursAgo: number, reason: string): OutcomeRecord => ({
      projectId,
      hour: hour - hoursAgo * 3600,
      category: 'error',
      outcome: 'accepted',
      reason,
      quantity: 1,
    });
    const stats = (projectId: number, query = '') =>
      call(server, 'GET', `/api/0/projects/${projectId}/stats/${query}`, { as: { token } });

    const windowed = (await server.store.createProject('stats window')).id;
    await server.store.recordOutcomes([row(windowed, 48, 'two days ago'), row(windowed, 0, 'now')]);
    const reasons = async (query?: string) =>
      ((await stats(windowed, query)).body as Array<{ reason: string }>).map((o) => o.reason);
    assert.deepEqual(await reasons(), ['now'], 'the last 24 hours by default');
    const since = new Date((hour - 50 * 3600) * 1000).toISOString();
    assert.deepEqual(await reasons(`?since=${since}`), ['two days ago', 'now']);

    const crowded = (await server.store.createProject('stats crowded')).id;
    await server.store.recordOutcomes(
      Array.from({ length: 10_001 }, (_, n) => row(crowded, n % 2, `r${n}`)),
    );
    const capped = await stats(crowded);
    assert.equal(capped.status, 200);
    assert.equal(capped.body.length, 10_000);
    // The newest hour whole (5,001 rows), then as much of the one before as fits.
    const thisHour = new Date(hour * 1000).toISOString();
    assert.equal(capped.body.filter((o: { hour: string }) => o.hour === thisHour).length, 5_001);
  });
});
