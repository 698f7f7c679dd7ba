/**
 * Retention deletes exactly what it should while ingest keeps running, on every dialect: each
 * project loses what is past its own retention (or the default), each issue of a capped project
 * keeps exactly its newest events, what digest persists meanwhile all stays, and the issues left
 * without events go while the others stay. Ingest runs on a store of its own, as digest does
 * (another thread, or another node); on PostgreSQL the expired rows sit in week partitions that
 * must stay (a longer retention still needs them), in one that goes whole, and in the default
 * partition.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { DigestedEvent, EventAttachment } from '../../src/store/types.js';
import { numberColumn, stringColumn } from '../../src/store/sql.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { digested, persistEvents } from '../helpers/store-records.js';

const DAY = 24 * 3600;
const NOW = 1_800_000_000;
const POLICY = { now: NOW, defaultRetentionDays: 90 };

function daysAgo(days: number): number {
  return NOW - days * DAY;
}

function eventsOf(
  projectId: number,
  groupingHash: string,
  count: number,
  receivedAt: number,
): DigestedEvent[] {
  return Array.from({ length: count }, () =>
    digested(projectId, { groupingHash, receivedAt, timestamp: receivedAt }),
  );
}

function attachmentOf(event: DigestedEvent): EventAttachment {
  return {
    projectId: event.projectId,
    eventId: event.eventId,
    receivedAt: event.receivedAt,
    filename: 'log.txt',
    contentType: 'text/plain',
    attachmentType: undefined,
    data: new Uint8Array([1, 2, 3]),
  };
}

/** Persists batch after batch through digest's path, a turn of the event loop apart, until stopped. */
function keepIngesting(store: Store, nextBatch: () => DigestedEvent[]) {
  const persisted: DigestedEvent[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const batch = nextBatch();
      await persistEvents(store, batch);
      persisted.push(...batch);
      await nextTurn();
    }
  })();
  return {
    persisted,
    async stop(): Promise<void> {
      stopped = true;
      await loop;
    },
  };
}

async function eventIdsOf(store: Store, where: string, id: number): Promise<string[]> {
  const rows = await store.sql.all(`SELECT event_id FROM events WHERE ${where} = ?`, [id]);
  return rows.map((row) => stringColumn(row, 'event_id')).sort();
}

async function issueIdsOf(store: Store, projectId: number): Promise<number[]> {
  const rows = await store.sql.all('SELECT id FROM issues WHERE project_id = ? ORDER BY id', [
    projectId,
  ]);
  return rows.map((row) => numberColumn(row, 'id'));
}

async function issueOfHash(store: Store, projectId: number, hash: string): Promise<number> {
  const row = await store.sql.get(
    'SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?',
    [projectId, hash],
  );
  assert.ok(row, `an issue for ${hash}`);
  return numberColumn(row, 'issue_id');
}

function idsOf(events: readonly DigestedEvent[]): string[] {
  return events.map((event) => event.eventId).sort();
}

const hashOf = (name: string) => name.padEnd(32, '-');
const SHORT_GONE = hashOf('a1');
const SHORT_MIXED = hashOf('a2');
const CAPPED = hashOf('b1');
const CAPPED_SMALL = hashOf('b2');
const CAPPED_GONE = hashOf('b3');
const LONG_MIXED = hashOf('c1');
const LONG_GONE = hashOf('c2');

for (const dialect of await storeDialects()) {
  describe(`Store.applyRetention per project (${dialect.name})`, { skip: dialect.skip }, () => {
    let maintenance: Store;
    let digest: Store;
    before(async () => {
      const config = await dialect.freshConfig();
      maintenance = await openStore(config);
      digest = await openStore(config);
    });
    after(async () => {
      await digest?.close();
      await maintenance?.close();
    });

    it('retention deletes exactly what it should while ingest keeps running', async () => {
      // Weeks with partitions on PostgreSQL: 500 days ago (past every retention: dropped whole),
      // 100 and 30 days ago (inside the longest retention: they stay, and lose rows one batch at
      // a time), and now. The other times land in the default partition.
      for (const days of [500, 100, 30, 0]) await maintenance.prepareStorage(daysAgo(days));

      const short = await maintenance.createProject('short');
      await maintenance.updateProject(short.id, { retentionDays: 7 });
      const capped = await maintenance.createProject('capped');
      await maintenance.updateProject(capped.id, { maxEventsPerIssue: 3 });
      const long = await maintenance.createProject('long');
      await maintenance.updateProject(long.id, { retentionDays: 400 });

      // More than a batch in places, so deletes take several batches and ingest gets between.
      const shortGone = eventsOf(short.id, SHORT_GONE, 600, daysAgo(30));
      const shortMixedGone = eventsOf(short.id, SHORT_MIXED, 2, daysAgo(8));
      const shortKept = eventsOf(short.id, SHORT_MIXED, 3, daysAgo(1));
      const cappedExpired = eventsOf(capped.id, CAPPED, 1, daysAgo(100));
      const cappedOver = eventsOf(capped.id, CAPPED, 600, daysAgo(2));
      const cappedNewest = eventsOf(capped.id, CAPPED, 3, daysAgo(2));
      const cappedSmall = eventsOf(capped.id, CAPPED_SMALL, 2, daysAgo(30));
      const cappedGone = eventsOf(capped.id, CAPPED_GONE, 2, daysAgo(100));
      // Seen more recently than the capped issue: it is found only on a later page of issues.
      const cappedOthers = Array.from({ length: 500 }, (_, i) =>
        eventsOf(capped.id, hashOf(`b-other-${i}`), 1, daysAgo(1)),
      ).flat();
      const longKept = [
        ...eventsOf(long.id, LONG_MIXED, 1, daysAgo(100)),
        ...eventsOf(long.id, LONG_MIXED, 1, daysAgo(300)),
      ];
      const longGone = [
        ...eventsOf(long.id, LONG_MIXED, 1, daysAgo(500)),
        ...eventsOf(long.id, LONG_GONE, 2, daysAgo(500)),
      ];
      const attachmentsGone = [shortGone[0]!, cappedOver[0]!, longGone[0]!];
      const attachmentsKept = [shortKept[0]!, cappedNewest[0]!, longKept[1]!];

      await persistEvents(
        digest,
        [
          ...shortGone,
          ...shortMixedGone,
          ...shortKept,
          ...cappedExpired,
          ...cappedOver,
          ...cappedSmall,
          ...cappedGone,
          ...cappedOthers,
          ...longKept,
          ...longGone,
        ],
        [...attachmentsGone, ...attachmentsKept]
          .filter((event) => !cappedNewest.includes(event))
          .map(attachmentOf),
      );
      // A later batch: these have the highest ids of their issue, however a batch numbers its rows.
      await persistEvents(digest, cappedNewest, [attachmentOf(cappedNewest[0]!)]);
      const issue = {
        shortGone: await issueOfHash(digest, short.id, SHORT_GONE),
        shortMixed: await issueOfHash(digest, short.id, SHORT_MIXED),
        capped: await issueOfHash(digest, capped.id, CAPPED),
        cappedSmall: await issueOfHash(digest, capped.id, CAPPED_SMALL),
        cappedGone: await issueOfHash(digest, capped.id, CAPPED_GONE),
        longMixed: await issueOfHash(digest, long.id, LONG_MIXED),
        longGone: await issueOfHash(digest, long.id, LONG_GONE),
      };

      // Young events into issues that keep events (the capped project's each in an issue of its
      // own, under the cap), persisted before, during and after retention's batches.
      let fresh = 0;
      const ingest = keepIngesting(digest, () => [
        digested(short.id, { groupingHash: SHORT_MIXED, receivedAt: NOW }),
        digested(capped.id, { groupingHash: hashOf(`f${fresh++}`), receivedAt: NOW }),
        digested(long.id, { groupingHash: LONG_MIXED, receivedAt: NOW }),
      ]);
      while (ingest.persisted.length === 0) await nextTurn();
      const persistedBefore = ingest.persisted.length;
      const result = await maintenance.applyRetention(POLICY);
      const persistedDuring = ingest.persisted.length - persistedBefore;
      await ingest.stop();
      assert.ok(persistedDuring > 0, 'digest went on persisting while retention ran');

      assert.deepEqual(result, {
        eventsExpired:
          shortGone.length +
          shortMixedGone.length +
          cappedExpired.length +
          cappedGone.length +
          longGone.length,
        eventsOverCap: cappedOver.length,
        attachments: attachmentsGone.length,
        issues: 3,
      });

      const meanwhile = (projectId: number) =>
        ingest.persisted.filter((event) => event.projectId === projectId);
      assert.deepEqual(
        await eventIdsOf(maintenance, 'project_id', short.id),
        idsOf([...shortKept, ...meanwhile(short.id)]),
        'the 7-day project keeps its last week and what arrived meanwhile',
      );
      assert.deepEqual(
        await eventIdsOf(maintenance, 'project_id', capped.id),
        idsOf([...cappedNewest, ...cappedSmall, ...cappedOthers, ...meanwhile(capped.id)]),
        'the capped project keeps its last 90 days, at most 3 events an issue',
      );
      assert.deepEqual(
        await eventIdsOf(maintenance, 'issue_id', issue.capped),
        idsOf(cappedNewest),
        'the capped issue keeps exactly its 3 newest',
      );
      assert.deepEqual(
        await eventIdsOf(maintenance, 'project_id', long.id),
        idsOf([...longKept, ...meanwhile(long.id)]),
        'the 400-day project keeps what is older than the default retention',
      );

      for (const event of attachmentsGone)
        assert.equal((await maintenance.listAttachments(event.projectId, event.eventId)).length, 0);
      for (const event of attachmentsKept)
        assert.equal((await maintenance.listAttachments(event.projectId, event.eventId)).length, 1);

      const cappedIssuesKept = await Promise.all(
        [...cappedOthers, ...meanwhile(capped.id)].map((event) =>
          issueOfHash(maintenance, capped.id, event.groupingHash),
        ),
      );
      assert.deepEqual(await issueIdsOf(maintenance, short.id), [issue.shortMixed]);
      assert.deepEqual(await issueIdsOf(maintenance, long.id), [issue.longMixed]);
      assert.deepEqual(
        await issueIdsOf(maintenance, capped.id),
        [issue.capped, issue.cappedSmall, ...cappedIssuesKept].sort((a, b) => a - b),
        'the issues with no event left are gone, the others stay',
      );
      for (const gone of [issue.shortGone, issue.cappedGone, issue.longGone])
        assert.equal(await maintenance.getIssue(gone), undefined);
      assert.equal(
        (await maintenance.getIssue(issue.capped))!.count,
        cappedExpired.length + cappedOver.length + cappedNewest.length,
        "an issue's count is its history, not what is kept",
      );

      assert.deepEqual(
        await maintenance.applyRetention(POLICY),
        { eventsExpired: 0, eventsOverCap: 0, attachments: 0, issues: 0 },
        'a second pass finds nothing more',
      );
    });
  });
}
