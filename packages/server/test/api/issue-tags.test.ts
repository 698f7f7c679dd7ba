/**
 * An issue's tag distributions are bounded in keys as well as in values per key, on every
 * dialect (picked in SQL), and over HTTP with the shape the web UI reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueTagDistributions } from '../../src/api/issue-tags.js';
import { openStore } from '../../src/store/open-store.js';
import { numberColumn } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  createToken,
  login,
  sendEvent,
} from '../helpers/api-client.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { digested, persistEvents } from '../helpers/store-records.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/** `n` tags no other event has, as one SDK's event can carry (up to 200). */
const uniqueTags = (prefix: string, n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}-${i}`, `v${i}`]));

for (const dialect of await storeDialects()) {
  describe(`issue tag distributions (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.config());
    });
    after(async () => {
      await store?.close();
    });

    it('keeps the keys on the most events, each with its most frequent values', async () => {
      const projectId = (await store.createProject(`tags ${Math.random()}`)).id;
      const events = Array.from({ length: 12 }, (_, n) =>
        digested(projectId, {
          tags: [
            ['browser', n < 9 ? 'Firefox' : n < 11 ? 'Chrome' : 'Safari'],
            ['customer', `c${n}`],
            ['everywhere', 'yes'],
            ...Object.entries(uniqueTags(`e${n}`, 100)),
          ],
        }),
      );
      await persistEvents(store, events);
      const issue = await store.sql.get('SELECT id FROM issues WHERE project_id = ?', [projectId]);
      const issueId = numberColumn(issue!, 'id');
      const stored = await store.sql.get(
        'SELECT count(*) AS n FROM issue_tags WHERE issue_id = ?',
        [issueId],
      );
      assert.equal(numberColumn(stored!, 'n'), 12 * 100 + 3 + 12 + 1);

      const tags = await issueTagDistributions(store.sql, issueId, { keys: 3, valuesPerKey: 2 });
      assert.deepEqual(tags, [
        {
          key: 'browser',
          total: 12,
          values: [
            { value: 'Firefox', count: 9 },
            { value: 'Chrome', count: 2 },
          ],
        },
        {
          key: 'customer',
          total: 12,
          values: [
            { value: 'c0', count: 1 },
            { value: 'c1', count: 1 },
          ],
        },
        { key: 'everywhere', total: 12, values: [{ value: 'yes', count: 12 }] },
      ]);
    });
  });
}

describe('GET /api/0/issues/:id/tags/', () => {
  let server: TestServer;
  let token: string;
  let issueId: number;
  const tags = (query = '') =>
    call(server, 'GET', `/api/0/issues/${issueId}/tags/${query}`, { as: { token } });

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'read');
    for (let n = 0; n < 4; n++) {
      await sendEvent(server, server.publicKey, server.projectId, {
        fingerprint: ['tagged'],
        tags: { ...uniqueTags(`event${n}`, 150), plan: n === 0 ? 'free' : 'pro' },
      });
    }
    const issues = await call(server, 'GET', `/api/0/projects/${server.projectId}/issues/`, {
      as: { token },
    });
    issueId = issues.body[0].id;
  });
  after(() => server.stop());

  it('answers a bounded number of keys, most used first, in the shape the UI reads', async () => {
    const answer = await tags('?top=5');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.length, 25, 'of more than 600 keys');
    const plan = answer.body.find((tag: { key: string }) => tag.key === 'plan');
    assert.deepEqual(plan, {
      key: 'plan',
      total: 4,
      values: [
        { value: 'pro', count: 3 },
        { value: 'free', count: 1 },
      ],
    });
    const keys = answer.body.map((tag: { key: string }) => tag.key);
    assert.deepEqual(keys, [...keys].sort(), 'sorted by name');
    assert.equal((await tags('?keys=100')).body.length, 100);
    assert.equal((await tags('?keys=101')).status, 400);
  });
});
