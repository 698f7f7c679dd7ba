/** The read side (issues, events, attachments, counts, tags, activity) on every dialect. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { encodeEventPayload } from '../../src/store/payload-codec.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { HOUR, T0, digested, persistEvents } from '../helpers/store-records.js';

const hash = (label: string) => label.padEnd(32, '0');

for (const dialect of await storeDialects()) {
  describe(`Store read side (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    let otherProjectId: number;
    before(async () => {
      store = await openStore(await dialect.config());
      projectId = (await store.createProject('reads')).id;
      otherProjectId = (await store.createProject('elsewhere')).id;
    });
    after(async () => {
      await store?.close();
    });

    it('lists issues most recently seen first, filtered by project and status, up to a limit', async () => {
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('old'), title: 'old', timestamp: T0 }),
        digested(projectId, { groupingHash: hash('new'), title: 'new', timestamp: T0 + 20 }),
        digested(projectId, { groupingHash: hash('mid'), title: 'mid', timestamp: T0 + 10 }),
        digested(otherProjectId, {
          groupingHash: hash('other'),
          title: 'other',
          timestamp: T0 + 30,
        }),
      ]);
      const titles = async (options: Parameters<Store['listIssues']>[0]) =>
        (await store.listIssues(options)).map((i) => i.title);
      assert.deepEqual(await titles({ projectId }), ['new', 'mid', 'old']);
      assert.deepEqual(await titles({ projectId, limit: 2 }), ['new', 'mid']);
      assert.deepEqual(await titles({}), ['other', 'new', 'mid', 'old']);
      const [mid] = (await store.listIssues({ projectId })).filter((i) => i.title === 'mid');
      await store.setIssueStatus(mid!.id, 'ignored', T0 + 100);
      assert.deepEqual(await titles({ projectId, status: 'ignored' }), ['mid']);
      assert.deepEqual(await titles({ projectId, status: 'unresolved' }), ['new', 'old']);
    });

    it('returns an issue with every field, and nothing for an unknown id', async () => {
      await persistEvents(store, [
        digested(projectId, {
          groupingHash: hash('fields'),
          title: 'TypeError: x is undefined',
          culprit: 'checkout in price',
          type: 'TypeError',
          value: 'x is undefined',
          level: 'warning',
          platform: 'python',
          release: undefined,
          userKey: undefined,
          timestamp: T0 + 0.5,
        }),
      ]);
      const [issue] = (await store.listIssues({ projectId })).filter(
        (i) => i.culprit === 'checkout in price',
      );
      assert.deepEqual(await store.getIssue(issue!.id), {
        id: issue!.id,
        projectId,
        title: 'TypeError: x is undefined',
        culprit: 'checkout in price',
        type: 'TypeError',
        value: 'x is undefined',
        level: 'warning',
        platform: 'python',
        status: 'unresolved',
        count: 1,
        userCount: 0,
        firstSeen: T0 + 0.5,
        lastSeen: T0 + 0.5,
        firstRelease: undefined,
        lastRelease: undefined,
        regressedAt: undefined,
      });
      assert.equal(await store.getIssue(issue!.id + 1000), undefined);
    });

    it('records status changes in the activity, in order, with their data', async () => {
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('status'), title: 'status', timestamp: T0 }),
      ]);
      const id = (await store.listIssues({ projectId })).find((i) => i.title === 'status')!.id;
      await store.setIssueStatus(id, 'resolved', T0 + 50);
      await store.setIssueStatus(id, 'unresolved', T0 + 60);
      await store.setIssueStatus(id, 'ignored', T0 + 70);
      assert.equal((await store.getIssue(id))!.status, 'ignored');
      assert.deepEqual(await store.issueActivity(id), [
        { kind: 'first_seen', at: T0, data: {} },
        { kind: 'resolved', at: T0 + 50, data: {} },
        { kind: 'unresolved', at: T0 + 60, data: {} },
        { kind: 'ignored', at: T0 + 70, data: {} },
      ]);
    });

    it("lists an issue's events newest first, decoded, up to a limit; gets one by id", async () => {
      const events = [1, 2, 3].map((n) =>
        digested(projectId, {
          groupingHash: hash('events'),
          timestamp: T0 + n,
          receivedAt: T0 + n + 0.5,
          payload: encodeEventPayload(JSON.stringify({ n, message: 'ünïcode ✓' })),
        }),
      );
      await persistEvents(store, events);
      const stored = await store.getEvent(projectId, events[0]!.eventId);
      assert.deepEqual(stored, {
        eventId: events[0]!.eventId,
        issueId: stored!.issueId,
        projectId,
        timestamp: T0 + 1,
        receivedAt: T0 + 1.5,
        event: { n: 1, message: 'ünïcode ✓' },
      });
      const listed = await store.listEvents(stored!.issueId, {});
      assert.deepEqual(
        listed.map((e) => e.event['n']),
        [3, 2, 1],
      );
      assert.deepEqual(
        (await store.listEvents(stored!.issueId, { limit: 1 })).map((e) => e.event['n']),
        [3],
      );
      assert.equal(await store.getEvent(otherProjectId, events[0]!.eventId), undefined);
    });

    it("stores an event's attachments, bytes intact, listed in order", async () => {
      const event = digested(projectId, { groupingHash: hash('attach') });
      const bytes = new Uint8Array([0, 1, 2, 254, 255]);
      await persistEvents(
        store,
        [event],
        [
          {
            projectId,
            eventId: event.eventId,
            receivedAt: event.receivedAt,
            filename: 'a.bin',
            contentType: 'application/octet-stream',
            attachmentType: 'event.attachment',
            data: bytes,
          },
          {
            projectId,
            eventId: event.eventId,
            receivedAt: event.receivedAt,
            filename: 'b.txt',
            contentType: undefined,
            attachmentType: undefined,
            data: new Uint8Array(),
          },
        ],
      );
      const attachments = await store.listAttachments(projectId, event.eventId);
      assert.deepEqual(
        attachments.map((a) => [
          a.projectId,
          a.eventId,
          a.filename,
          a.contentType,
          a.attachmentType,
          [...a.data],
        ]),
        [
          [
            projectId,
            event.eventId,
            'a.bin',
            'application/octet-stream',
            'event.attachment',
            [...bytes],
          ],
          [projectId, event.eventId, 'b.txt', undefined, undefined, []],
        ],
      );
      assert.deepEqual(await store.listAttachments(otherProjectId, event.eventId), []);
    });

    it('counts events per project and in all', async () => {
      const before = {
        all: await store.countEvents(),
        other: await store.countEvents(otherProjectId),
      };
      await persistEvents(store, [
        digested(otherProjectId, { groupingHash: hash('count') }),
        digested(otherProjectId, { groupingHash: hash('count') }),
        digested(projectId, { groupingHash: hash('count') }),
      ]);
      assert.equal(await store.countEvents(), before.all + 3);
      assert.equal(await store.countEvents(otherProjectId), before.other + 2);
    });

    it('counts per hour, and per tag ordered by key, most frequent value first', async () => {
      const tagged = (timestamp: number, browser: string) =>
        digested(projectId, {
          groupingHash: hash('tags'),
          timestamp,
          tags: [
            ['browser', browser],
            ['os', 'linux'],
          ],
        });
      await persistEvents(store, [
        tagged(T0 + 10, 'firefox'),
        tagged(T0 + HOUR + 5, 'chrome'),
        tagged(T0 + HOUR + 1, 'chrome'),
        tagged(T0 + 3 * HOUR, 'safari'),
      ]);
      const issueId = (await store.listIssues({ projectId })).find((i) => i.count === 4)!.id;
      assert.deepEqual(await store.issueHourlyCounts(issueId), [
        { hour: T0, count: 1 },
        { hour: T0 + HOUR, count: 2 },
        { hour: T0 + 3 * HOUR, count: 1 },
      ]);
      assert.deepEqual(await store.issueTagCounts(issueId), [
        {
          key: 'browser',
          value: 'chrome',
          count: 2,
          firstSeen: T0 + HOUR + 1,
          lastSeen: T0 + HOUR + 5,
        },
        { key: 'browser', value: 'firefox', count: 1, firstSeen: T0 + 10, lastSeen: T0 + 10 },
        {
          key: 'browser',
          value: 'safari',
          count: 1,
          firstSeen: T0 + 3 * HOUR,
          lastSeen: T0 + 3 * HOUR,
        },
        { key: 'os', value: 'linux', count: 4, firstSeen: T0 + 10, lastSeen: T0 + 3 * HOUR },
      ]);
      assert.deepEqual(await store.issueHourlyCounts(issueId + 1000), []);
      assert.deepEqual(await store.issueTagCounts(issueId + 1000), []);
    });

    it('sorts text by code point, the same on every dialect', async () => {
      const tagged = (value: string) =>
        digested(projectId, { groupingHash: hash('collation'), tags: [['k', value]] });
      await persistEvents(store, ['b', 'B', 'a', 'É', '_'].map(tagged));
      const issueId = (await store.listIssues({ projectId })).find((i) => i.count === 5)!.id;
      assert.deepEqual(
        (await store.issueTagCounts(issueId)).map((t) => t.value),
        ['B', '_', 'a', 'b', 'É'],
      );
    });

    it('stores an event whose text holds NUL characters (attacker-controlled) instead of failing', async () => {
      const event = digested(projectId, {
        groupingHash: hash('nul'),
        title: 'Error: a\u0000b',
        tags: [['k\u0000', 'v\u0000']],
      });
      await persistEvents(store, [event]);
      const stored = await store.getEvent(projectId, event.eventId);
      assert.ok(stored);
      const issue = await store.getIssue(stored.issueId);
      assert.match(issue!.title, /^Error: a.b$/);
      assert.equal((await store.issueTagCounts(stored.issueId)).length, 1);
    });
  });
}
