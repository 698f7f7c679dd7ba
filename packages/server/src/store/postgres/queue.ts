/**
 * The ingest queue on PostgreSQL, shared by every node: ingest on any node appends, digest
 * workers on any node claim. Exactly-once digest rests on three rules:
 *
 * 1. A claim leases entries: `FOR UPDATE SKIP LOCKED` lets concurrent claimers pass over each
 *    other's rows without waiting, and `claimed_until` hides a claimed entry from other workers
 *    until the lease ends. A worker that died leaves its entries to be claimed again after it.
 * 2. Completing deletes the entries and persists what they produced in ONE transaction: a crash
 *    before COMMIT leaves both undone, after it both done.
 * 3. The DELETE decides who persists. A worker whose lease ran out while it was still digesting
 *    may complete at the same time as the worker that re-claimed: the second DELETE waits on the
 *    first's row locks and then finds the rows gone, so it persists nothing for them.
 *
 * Rule 3 and the queue's unique (project_id, event_id) also keep an event id from being stored
 * twice, which the partitioned events table cannot enforce with an index: an event re-sent while
 * its first copy is queued is not queued again, and one re-sent while its first copy is being
 * completed waits for that COMMIT (the unique index), so its own digest finds it stored.
 *
 * Timestamps of leases come from the database's clock, so nodes with skewed clocks agree.
 */
import type pg from 'pg';
import type { ClaimedEnvelope, DigestedBatch, QueuedEnvelope } from '../types.js';
import { inTransaction, queryCount, queryRows, valuesList } from './pool.js';
import { readNumber, rowToClaimed } from './rows.js';
import { notifyPersisted, notifyQueued } from './notify.js';
import { persistBatch } from './persist-batch.js';

/** Long enough for a batch with its entry-by-entry retries; a dead worker's batch waits this long. */
export const DEFAULT_LEASE_SECONDS = 60;

const ROWS_PER_INSERT = 1000;
const NOW = 'extract(epoch FROM clock_timestamp())::double precision';

/** Resolves after COMMIT, which PostgreSQL makes durable (synchronous_commit is on by default). */
export async function enqueueBatches(
  pool: pg.Pool,
  batches: ReadonlyArray<readonly QueuedEnvelope[]>,
): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    const counts: number[] = [];
    for (const envelopes of batches) {
      let inserted = 0;
      for (let start = 0; start < envelopes.length; start += ROWS_PER_INSERT) {
        const chunk = envelopes.slice(start, start + ROWS_PER_INSERT);
        inserted += await queryCount(
          client,
          // The conflict target names queue_event, the partial unique index: a re-sent event
          // still in the queue is acknowledged, not queued twice; attachments never conflict.
          `INSERT INTO queue
             (project_id, event_id, kind, received_at, envelope, client_ip, client_agent)
           VALUES ${valuesList(chunk.length, 7)}
           ON CONFLICT (project_id, event_id) WHERE kind = 'event' DO NOTHING`,
          chunk.flatMap((e) => [
            e.projectId,
            e.eventId,
            e.kind,
            e.receivedAt,
            e.envelope,
            e.clientIp ?? null,
            e.clientAgent ?? null,
          ]),
        );
      }
      counts.push(inserted);
    }
    if (counts.some((count) => count > 0)) await notifyQueued(client);
    return counts;
  });
}

/**
 * Leases the next entries: at most `limit`, and only as many as fit in `maxBytes` of envelopes
 * (the first always). The sizes come from octet_length, which reads a TOASTed value's length
 * from its pointer, without fetching the value. Candidates past the budget are locked only for this
 * statement, so other workers can claim them at once after it.
 */
export async function claimBatch(
  pool: pg.Pool,
  limit: number,
  maxBytes: number,
  leaseSeconds: number,
): Promise<ClaimedEnvelope[]> {
  const rows = await queryRows(
    pool,
    `WITH candidates AS (
       SELECT id, octet_length(envelope) AS size FROM queue WHERE claimed_until < ${NOW}
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
     ), picked AS (
       SELECT id FROM (
         SELECT id, sum(size) OVER (ORDER BY id) AS running, row_number() OVER (ORDER BY id) AS n
         FROM candidates
       ) sized WHERE n = 1 OR running <= $3::bigint
     )
     UPDATE queue SET claimed_until = ${NOW} + $2::double precision
     FROM picked WHERE queue.id = picked.id
     RETURNING queue.id, project_id, event_id, kind, received_at, envelope, client_ip,
       client_agent`,
    [limit, leaseSeconds, maxBytes],
  );
  // RETURNING has no order; digest expects queue order, as SQLite gives it.
  return rows.map(rowToClaimed).sort((a, b) => a.queueId - b.queueId);
}

/** What the batch holds for the entries this worker still owned (rule 3 in the module doc). */
function ownedPart(
  claimed: readonly ClaimedEnvelope[],
  owned: ReadonlySet<number>,
  batch: DigestedBatch,
): DigestedBatch {
  if (owned.size === claimed.length) return batch;
  // Items carry no queue id: like digest/worker.ts, attribute them by project and event id.
  const keys = (kind?: string) =>
    new Set(
      claimed
        .filter((e) => owned.has(e.queueId) && (kind === undefined || e.kind === kind))
        .map((e) => `${e.projectId}:${e.eventId}`),
    );
  const eventKeys = keys('event');
  const anyKeys = keys();
  return {
    events: batch.events.filter((e) => eventKeys.has(`${e.projectId}:${e.eventId}`)),
    attachments: batch.attachments.filter((a) => anyKeys.has(`${a.projectId}:${a.eventId}`)),
  };
}

export async function completeBatch(
  pool: pg.Pool,
  claimed: readonly ClaimedEnvelope[],
  batch: DigestedBatch,
): Promise<void> {
  if (claimed.length === 0) return;
  await inTransaction(pool, async (client) => {
    const rows = await queryRows(
      client,
      'DELETE FROM queue WHERE id = ANY($1::bigint[]) RETURNING id',
      [claimed.map((entry) => entry.queueId)],
    );
    const owned = new Set(rows.map((row) => readNumber(row, 'id')));
    if (owned.size === 0) return;
    await notifyPersisted(client, await persistBatch(client, ownedPart(claimed, owned, batch)));
  });
}

export async function queueStats(
  pool: pg.Pool,
): Promise<{ depth: number; oldestReceivedAt: number | undefined }> {
  // Completed entries are deleted, so every row is acknowledged and not yet digested.
  const [row] = await queryRows(
    pool,
    'SELECT count(*) AS depth, min(received_at) AS oldest FROM queue',
  );
  const oldest = row!['oldest'];
  return {
    depth: readNumber(row!, 'depth'),
    oldestReceivedAt: oldest === null ? undefined : readNumber(row!, 'oldest'),
  };
}

/**
 * The envelopes' size: octet_length reads a TOASTed value's length from its pointer, without
 * fetching the value. Not pg_total_relation_size: after a backlog the table keeps its
 * space for reuse, and the cap would refuse events with the queue empty.
 */
export async function queueBytes(pool: pg.Pool): Promise<number> {
  const [row] = await queryRows(
    pool,
    'SELECT coalesce(sum(octet_length(envelope)), 0) AS bytes FROM queue',
  );
  return readNumber(row!, 'bytes');
}
