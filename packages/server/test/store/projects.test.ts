/** Projects, their keys and their outcome counts, on every dialect. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { OutcomeRecord } from '../../src/store/types.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { HOUR, T0 } from '../helpers/store-records.js';

for (const dialect of await storeDialects()) {
  describe(`Store projects and keys (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.config());
    });
    after(async () => {
      await store?.close();
    });

    it('creates a project with scrubbing on, no extra fields and no quota', async () => {
      const before = Date.now() / 1000;
      const project = await store.createProject('shop');
      assert.equal(project.name, 'shop');
      assert.equal(project.scrubData, true);
      assert.deepEqual(project.scrubFields, []);
      assert.equal(project.quota, undefined);
      assert.ok(project.createdAt >= before - 1 && project.createdAt <= Date.now() / 1000 + 1);
      assert.deepEqual(await store.getProject(project.id), project);
      assert.equal(await store.getProject(project.id + 1000), undefined);
    });

    it('lists projects in creation order', async () => {
      const first = await store.createProject('a');
      const second = await store.createProject('b');
      const ids = (await store.listProjects()).map((p) => p.id);
      assert.ok(ids.indexOf(first.id) < ids.indexOf(second.id));
      assert.ok(first.id < second.id);
    });

    it('updates scrubbing, scrub fields and quota, and clears the quota again', async () => {
      const { id } = await store.createProject('settings');
      await store.updateProject(id, {
        scrubData: false,
        scrubFields: ['ssn', 'pin'],
        quota: { count: 100, windowSeconds: 60 },
      });
      let project = await store.getProject(id);
      assert.equal(project!.scrubData, false);
      assert.deepEqual(project!.scrubFields, ['ssn', 'pin']);
      assert.deepEqual(project!.quota, { count: 100, windowSeconds: 60 });
      await store.updateProject(id, { quota: undefined });
      project = await store.getProject(id);
      assert.equal(project!.quota, undefined);
      assert.equal(project!.scrubData, false, 'what the change leaves out stays');
    });

    it('creates active keys without a rate limit, 32 hex characters each', async () => {
      const { id } = await store.createProject('keys');
      const key = await store.createKey(id);
      assert.match(key.publicKey, /^[0-9a-f]{32}$/);
      assert.equal(key.projectId, id);
      assert.equal(key.active, true);
      assert.equal(key.rateLimit, undefined);
      assert.deepEqual(await store.getKey(key.publicKey), key);
      assert.equal(await store.getKey('f'.repeat(32)), undefined);
    });

    it("lists a project's keys, oldest first, and only that project's", async () => {
      const { id } = await store.createProject('two keys');
      const other = await store.createProject('other');
      const first = await store.createKey(id);
      const second = await store.createKey(id);
      await store.createKey(other.id);
      const keys = await store.listKeys(id);
      assert.equal(keys.length, 2);
      assert.deepEqual(
        new Set(keys.map((k) => k.publicKey)),
        new Set([first, second].map((k) => k.publicKey)),
      );
      assert.ok(keys[0]!.createdAt <= keys[1]!.createdAt);
    });

    it('deactivates a key and sets and clears its rate limit', async () => {
      const { id } = await store.createProject('limits');
      const { publicKey } = await store.createKey(id);
      await store.updateKey(publicKey, {
        active: false,
        rateLimit: { count: 5, windowSeconds: 1 },
      });
      let key = await store.getKey(publicKey);
      assert.equal(key!.active, false);
      assert.deepEqual(key!.rateLimit, { count: 5, windowSeconds: 1 });
      await store.updateKey(publicKey, { rateLimit: undefined });
      key = await store.getKey(publicKey);
      assert.equal(key!.rateLimit, undefined);
      assert.equal(key!.active, false);
    });
  });

  describe(`Store outcomes (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.config());
    });
    after(async () => {
      await store?.close();
    });

    const outcome = (projectId: number, overrides: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
      projectId,
      hour: T0,
      category: 'error',
      outcome: 'accepted',
      reason: '',
      quantity: 1,
      ...overrides,
    });

    it('adds up quantities per project, hour, category, outcome and reason', async () => {
      const { id } = await store.createProject('outcomes');
      const { id: other } = await store.createProject('other outcomes');
      await store.recordOutcomes([
        outcome(id, { quantity: 2 }),
        outcome(id, { quantity: 3 }), // the same key twice in one call
        outcome(id, { hour: T0 + HOUR }),
        outcome(id, { outcome: 'rate_limited', reason: 'key_quota' }),
        outcome(other),
      ]);
      await store.recordOutcomes([outcome(id, { quantity: 10 })]);
      await store.recordOutcomes([]);
      assert.deepEqual(await store.listOutcomes(id), [
        outcome(id, { quantity: 15 }),
        outcome(id, { outcome: 'rate_limited', reason: 'key_quota' }),
        outcome(id, { hour: T0 + HOUR }),
      ]);
      assert.deepEqual(await store.listOutcomes(other), [outcome(other)]);
    });
  });
}
