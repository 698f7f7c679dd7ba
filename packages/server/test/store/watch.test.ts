/**
 * Store.watchChanges: a second store on the same database (another process or node) hears of
 * what the first persisted, each event once, with its issue's title and whether it made the
 * issue; on PostgreSQL it also hears that envelopes were queued.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { LiveEvent } from '../../src/store/types.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { digested, persistEvents, queued } from '../helpers/store-records.js';

/** Collects what a watcher hears, and resolves once it has heard `count` events. */
function collector() {
  const heard: LiveEvent[] = [];
  let queuedCalls = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const check = () => {
    for (const waiter of waiters.splice(0)) {
      if (heard.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  return {
    heard,
    queuedCalls: () => queuedCalls,
    listener: {
      queued: () => {
        queuedCalls++;
        check();
      },
      events: (events: LiveEvent[]) => {
        heard.push(...events);
        check();
      },
    },
    untilEvents: (count: number) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        check();
      }),
  };
}

for (const dialect of await storeDialects()) {
  describe(`Store.watchChanges (${dialect.name})`, { skip: dialect.skip, timeout: 30_000 }, () => {
    let writer: Store;
    let watcher: Store;
    let projectId: number;
    before(async () => {
      const config = await dialect.config();
      writer = await openStore(config);
      watcher = await openStore(config);
      projectId = (await writer.createProject('p')).id;
    });
    after(async () => {
      await watcher?.close();
      await writer?.close();
    });

    it('announces each persisted event once, in order, flagging the ones that made an issue', async () => {
      await persistEvents(writer, [digested(projectId, { groupingHash: '1'.repeat(32) })]);
      const seen = collector();
      const watch = await watcher.watchChanges(seen.listener);
      try {
        const known = digested(projectId, { groupingHash: '1'.repeat(32), level: 'warning' });
        const first = digested(projectId, { groupingHash: '2'.repeat(32), title: 'TypeError: x' });
        const second = digested(projectId, { groupingHash: '2'.repeat(32) });
        await persistEvents(writer, [known, first, second]);
        const later = digested(projectId, { groupingHash: '3'.repeat(32), level: 'fatal' });
        await persistEvents(writer, [later]);
        await seen.untilEvents(4);

        assert.deepEqual(
          seen.heard.map((e) => [e.eventId, e.level, e.title, e.newIssue]),
          [
            [known.eventId, 'warning', 'Error: boom', false],
            [first.eventId, 'error', 'TypeError: x', true],
            [second.eventId, 'error', 'TypeError: x', false],
            [later.eventId, 'fatal', 'Error: boom', true],
          ],
          'the event persisted before the watch began is not announced',
        );
        const ids = seen.heard.map((e) => e.id);
        assert.deepEqual(
          ids,
          [...ids].sort((a, b) => a - b),
        );
        const [issueOfFirst] = (await writer.listIssues({ projectId })).filter(
          (issue) => issue.title === 'TypeError: x',
        );
        assert.equal(seen.heard[1]!.issueId, issueOfFirst!.id);
        assert.equal(seen.heard[1]!.projectId, projectId);
        assert.equal(seen.heard[1]!.culprit, 'app in handler');
      } finally {
        await watch.close();
      }
    });

    it('stops announcing once closed', async () => {
      const seen = collector();
      const watch = await watcher.watchChanges(seen.listener);
      await watch.close();
      await persistEvents(writer, [digested(projectId)]);
      // A control watch hears the same event, so the closed one had every chance to.
      const control = collector();
      const controlWatch = await watcher.watchChanges(control.listener);
      await persistEvents(writer, [digested(projectId)]);
      await control.untilEvents(1);
      await controlWatch.close();
      assert.equal(seen.heard.length, 0);
    });

    if (dialect.name === 'postgres') {
      it('hears that another node queued envelopes', async () => {
        const seen = collector();
        const watch = await watcher.watchChanges(seen.listener);
        try {
          await writer.enqueue([queued(projectId)]);
          await new Promise<void>((resolve) => {
            const poll = setInterval(() => {
              if (seen.queuedCalls() > 0) {
                clearInterval(poll);
                resolve();
              }
            }, 10);
          });
          assert.ok(seen.queuedCalls() >= 1);
        } finally {
          await watch.close();
          // Leave the queue empty for the other cases.
          const claimed = await writer.claimBatch(10);
          await writer.completeBatch(claimed, { events: [], attachments: [] });
        }
      });
    }
  });
}
