/**
 * What persisting a digested batch does to issues: counts, users, hourly counts, tags, releases,
 * regressions, and idempotency. Written against the Store interface so the PostgreSQL dialect
 * runs the same cases.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeEventPayload } from '../../src/store/payload-codec.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ClaimedEnvelope, DigestedEvent } from '../../src/store/types.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { newEventId } from '../helpers/envelopes.js';

const HOUR = 3600;
const T0 = 1_764_000_000; // an hour boundary

function digested(projectId: number, overrides: Partial<DigestedEvent> = {}): DigestedEvent {
  const eventId = overrides.eventId ?? newEventId();
  return {
    projectId,
    eventId,
    receivedAt: T0,
    timestamp: T0,
    level: 'error',
    platform: 'node',
    release: 'app@1',
    environment: 'production',
    userKey: 'id:u1',
    title: 'Error: boom',
    culprit: 'app in handler',
    type: 'Error',
    value: 'boom',
    groupingVersion: 'v1',
    groupingHash: 'a'.repeat(32),
    groupingComponents: { id: 'exception' },
    tags: [
      ['environment', 'production'],
      ['feature', 'checkout'],
    ],
    payload: encodeEventPayload(JSON.stringify({ event_id: eventId })),
    ...overrides,
  };
}

let queueId = 0;
function claimed(events: DigestedEvent[]): ClaimedEnvelope[] {
  return events.map((e) => ({
    queueId: ++queueId,
    projectId: e.projectId,
    eventId: e.eventId,
    kind: 'event',
    receivedAt: e.receivedAt,
    envelope: new Uint8Array(),
  }));
}

describe('Store.completeBatch (sqlite)', () => {
  const temp = makeTempDir();
  let store: SqliteStore;
  let projectId: number;
  before(async () => {
    store = openSqliteStore(temp.dir);
    projectId = (await store.createProject('p')).id;
  });
  after(async () => {
    await store.close();
    temp.cleanup();
  });

  async function persist(events: DigestedEvent[]) {
    await store.completeBatch(claimed(events), { events, attachments: [] });
  }

  it('sums a batch into one issue: count, distinct users, first/last seen and releases', async () => {
    const hash = 'b'.repeat(32);
    await persist([
      digested(projectId, {
        groupingHash: hash,
        timestamp: T0 + 10,
        release: 'app@1',
        userKey: 'id:u1',
      }),
      digested(projectId, {
        groupingHash: hash,
        timestamp: T0 + 5,
        release: 'app@0',
        userKey: 'id:u2',
      }),
      digested(projectId, {
        groupingHash: hash,
        timestamp: T0 + HOUR + 1,
        release: 'app@2',
        userKey: 'id:u1',
        level: 'fatal',
      }),
    ]);
    const [issue] = (await store.listIssues({ projectId })).filter((i) => i.count === 3);
    assert.ok(issue);
    assert.equal(issue.userCount, 2);
    assert.equal(issue.firstSeen, T0 + 5);
    assert.equal(issue.lastSeen, T0 + HOUR + 1);
    assert.equal(issue.firstRelease, 'app@0');
    assert.equal(issue.lastRelease, 'app@2');
    assert.equal(issue.level, 'fatal', 'the newest event sets the level');
    assert.deepEqual(await store.issueHourlyCounts(issue.id), [
      { hour: T0, count: 2 },
      { hour: T0 + HOUR, count: 1 },
    ]);
    const tags = await store.issueTagCounts(issue.id);
    assert.deepEqual(
      tags.map((t) => [t.key, t.value, t.count]),
      [
        ['environment', 'production', 3],
        ['feature', 'checkout', 3],
      ],
    );
  });

  it('a later batch adds to the same issue; a known user is not counted twice', async () => {
    const hash = 'c'.repeat(32);
    await persist([digested(projectId, { groupingHash: hash, userKey: 'id:u1' })]);
    await persist([
      digested(projectId, { groupingHash: hash, userKey: 'id:u1' }),
      digested(projectId, { groupingHash: hash, userKey: undefined }),
    ]);
    const issue = (await store.listIssues({ projectId })).find(
      (i) => i.title === 'Error: boom' && i.count === 3 && i.userCount === 1,
    );
    assert.ok(issue, 'three events, one user');
  });

  it('different hashes make different issues', async () => {
    const before = (await store.listIssues({ projectId })).length;
    await persist([
      digested(projectId, { groupingHash: 'd'.repeat(32) }),
      digested(projectId, { groupingHash: 'e'.repeat(32) }),
    ]);
    assert.equal((await store.listIssues({ projectId })).length, before + 2);
  });

  it('re-persisting an event id changes nothing (a batch digested again after a crash)', async () => {
    const event = digested(projectId, { groupingHash: 'f'.repeat(32) });
    await persist([event]);
    const events = await store.countEvents(projectId);
    await persist([event]);
    await persist([event, event]);
    assert.equal(await store.countEvents(projectId), events);
    const stored = await store.getEvent(projectId, event.eventId);
    assert.ok(stored);
    assert.equal((await store.getIssue(stored.issueId))!.count, 1);
  });

  it('an event on a resolved issue reopens it as a regression, recorded in its activity', async () => {
    const hash = '1'.repeat(32);
    const first = digested(projectId, { groupingHash: hash, receivedAt: T0 });
    await persist([first]);
    const issueId = (await store.getEvent(projectId, first.eventId))!.issueId;
    await store.setIssueStatus(issueId, 'resolved', T0 + 100);
    assert.equal((await store.getIssue(issueId))!.status, 'resolved');

    // An event received before the resolution (a late delivery) is not a regression.
    await persist([digested(projectId, { groupingHash: hash, receivedAt: T0 + 50 })]);
    assert.equal((await store.getIssue(issueId))!.status, 'resolved');

    await persist([digested(projectId, { groupingHash: hash, receivedAt: T0 + 200 })]);
    const reopened = await store.getIssue(issueId);
    assert.equal(reopened!.status, 'unresolved');
    assert.equal(reopened!.regressedAt, T0 + 200);
    const activity = await store.issueActivity(issueId);
    assert.deepEqual(
      activity.map((a) => a.kind),
      ['first_seen', 'resolved', 'regression'],
    );
  });
});
