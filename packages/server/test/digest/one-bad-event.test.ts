/**
 * One bad event must never cost its batch: an entry that fails in any digest step, or that the
 * store refuses, is counted as an invalid outcome and skipped, and every other entry of the batch
 * is stored. Real envelopes through a real SQLite queue and store.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { digestBatch } from '../../src/digest/pipeline.js';
import type { DigestContext } from '../../src/digest/pipeline.js';
import { persistBatch } from '../../src/digest/persist-batch.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ClaimedEnvelope, Project } from '../../src/store/types.js';
import { envelope, eventEnvelope, newEventId, nodeErrorEvent } from '../helpers/envelopes.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('one bad event in a batch', () => {
  let temp: { dir: string; cleanup: () => void };
  let store: SqliteStore;
  let project: Project;
  // A store per test: a failed test must not leave claimed entries for the next one.
  beforeEach(async () => {
    temp = makeTempDir();
    store = openSqliteStore(temp.dir);
    ({ project } = await store.ensureDefaultProject());
  });
  afterEach(async () => {
    await store?.close();
    temp.cleanup();
  });

  /** Queues each envelope and claims them all, as ingest and the digest worker do. */
  async function claim(bodies: Array<{ eventId: string; body: Uint8Array }>) {
    await store.enqueue(
      bodies.map(({ eventId, body }) => ({
        projectId: project.id,
        eventId,
        kind: 'event' as const,
        receivedAt: Date.now() / 1000,
        envelope: body,
      })),
    );
    return store.claimBatch(bodies.length);
  }
  const good = () => {
    const eventId = newEventId();
    return { eventId, body: eventEnvelope(nodeErrorEvent(eventId)) };
  };
  const withItems = (eventId: string, ...payloads: string[]) => ({
    eventId,
    body: envelope(
      { event_id: eventId },
      payloads.map((payload) => ({ headers: { type: 'event' }, payload })),
    ),
  });

  it('skips the entries that fail a digest step, counts them, and stores the rest', async () => {
    const first = good();
    const last = good();
    const notAnObject = withItems(newEventId(), '[1, 2]'); // normalize refuses it
    const notJson = withItems(newEventId(), '{"message" "x"}'); // parse refuses it
    // An envelope carries one event: a second event item is not digested, so it cannot fail.
    const twoEvents = withItems(newEventId(), JSON.stringify({ message: 'first' }), '"text"');
    const claimed = await claim([first, notAnObject, notJson, twoEvents, last]);
    const failed: string[] = [];
    const context: DigestContext = {
      project: (id) => store.getProject(id),
      onEntryFailed: (_error, entry) => failed.push(entry.eventId),
    };

    const { batch, outcomes } = await digestBatch(claimed, context);

    const expectedFailed = [notAnObject.eventId, notJson.eventId];
    assert.deepEqual(failed, expectedFailed);
    assert.deepEqual(
      batch.events.map((event) => event.eventId),
      [first.eventId, twoEvents.eventId, last.eventId],
    );
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.outcome, outcome.reason, outcome.quantity]),
      [
        ['invalid', 'digest_failed', 1],
        ['invalid', 'invalid_json', 1],
      ],
    );
    const refused = await persistBatch(store, claimed, batch, {
      onBatchRefused: () => assert.fail('the good events persist in one transaction'),
      onEntryFailed: () => assert.fail('no entry is refused'),
    });
    assert.deepEqual(refused, []);
    for (const { eventId } of [first, twoEvents, last])
      assert.ok(await store.getEvent(project.id, eventId), `${eventId} stored`);
    const firstOfTwo = await store.getEvent(project.id, twoEvents.eventId);
    assert.deepEqual(firstOfTwo?.event['logentry'], { formatted: 'first' });
    assert.equal((await store.queueStats()).depth, 0, 'every entry is done, the bad ones too');
  });

  it('persists entry by entry when the store refuses one event, and counts that one', async () => {
    const entries = [good(), good(), good()];
    const claimed = await claim(entries);
    const context: DigestContext = {
      project: (id) => store.getProject(id),
      onEntryFailed: () => assert.fail('every entry digests'),
    };
    const { batch } = await digestBatch(claimed, context);
    // A value no column takes, as a prototype lookup once made of `level: "constructor"`.
    batch.events[1]!.level = Object as unknown as string;
    const refusedEntries: ClaimedEnvelope[] = [];
    let batchRefused = false;

    const outcomes = await persistBatch(store, claimed, batch, {
      onBatchRefused: () => (batchRefused = true),
      onEntryFailed: (_error, entry) => refusedEntries.push(entry),
    });

    assert.equal(batchRefused, true);
    assert.deepEqual(
      refusedEntries.map((entry) => entry.eventId),
      [entries[1]!.eventId],
    );
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.projectId, outcome.outcome, outcome.reason]),
      [[project.id, 'invalid', 'persist_failed']],
    );
    assert.ok(await store.getEvent(project.id, entries[0]!.eventId));
    assert.equal(await store.getEvent(project.id, entries[1]!.eventId), undefined);
    assert.ok(await store.getEvent(project.id, entries[2]!.eventId));
    assert.equal((await store.queueStats()).depth, 0);
  });
});
