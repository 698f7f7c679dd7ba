/**
 * The digest worker thread: claims batches from the queue, runs the pipeline, persists. It is the
 * only writer of events and issues (and of outcome counts, which ingest sends it), so on SQLite
 * the main thread never waits for its lock.
 *
 * Why a thread: on a 2-core machine, HTTP ingest keeps one core busy and digest the other; a
 * thread shares the process (one thing to start and stop) and messages cost little.
 *
 * Road not taken: splitting each batch's pipeline across helper threads, one per further core.
 * Tried on this 2-core machine: while a helper ran, this thread's share ran ≈ 35 % slower (V8's
 * background GC lost the core it had used), draining gained ≈ 1.15×, RSS grew ≈ 60 MB, and
 * under ingest load the helper took CPU from acknowledgements (bench:ingest digested/s fell).
 * Cloning each event's grouping tree back across threads also cost more than the pipeline.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open-store.js';
import type { StoreConfig } from '../store/open-store.js';
import { OutcomeSums, outcomeRowKey } from '../store/outcome-sums.js';
import type { ClaimedEnvelope, DigestedBatch, OutcomeRecord, Project } from '../store/types.js';
import { lowerThreadPriority } from './lower-thread-priority.js';
import { persistBatch } from './persist-batch.js';
import { digestBatch } from './pipeline.js';
import type { DigestContext } from './pipeline.js';
import type { DigestTimings, FromDigest, ToDigest } from './messages.js';

const BATCH_SIZE = 200;
/** Envelope bytes per claim: bounds the worker's memory by bytes as well as by count. */
const BATCH_BYTES = 32 * 1024 * 1024;
const IDLE_POLL_MS = 1000;
const PROJECT_TTL_MS = 5000;

const DIGEST_NICENESS = 10;
const MAX_PENDING_OUTCOME_KEYS = 100_000;

lowerThreadPriority(DIGEST_NICENESS);
const port = parentPort!;
const { store: storeConfig } = workerData as { store: StoreConfig };
const store = await openStore(storeConfig);

let running = true;
let wake: (() => void) | undefined;
/** Waiting out a storage outage: only `stop` cuts the wait short, not ingest's wake-ups. */
let backingOff = false;
/**
 * What this thread last told the main thread of its health (see messages.ts). A thread starts
 * as not yet healthy: the main thread may still hold its predecessor's problem.
 */
const STARTING = 'the digest worker is starting';
let reportedProblem: string | undefined = STARTING;
// Summed per row: while the database is away, what waits grows with distinct rows, not requests.
const pendingOutcomes = new OutcomeSums<OutcomeRecord>(MAX_PENDING_OUTCOME_KEYS, outcomeRowKey);

function post(message: FromDigest): void {
  port.postMessage(message);
}

port.on('message', (message: ToDigest) => {
  // A loop, not push(...records): spreading an attacker-sized array overflows the stack.
  if (message.type === 'outcomes')
    for (const record of message.records) pendingOutcomes.add(record);
  if (message.type === 'stop') running = false;
  // Under load ingest wakes digest for every commit; during an outage each wake-up was a retry,
  // a tight loop against a full disk or a database that is down.
  if (message.type === 'stop' || !backingOff) wake?.();
});

function reportHealth(problem: string | undefined): void {
  if (problem === reportedProblem) return;
  reportedProblem = problem;
  post({ type: 'health', problem });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleepUntilWoken(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wake = undefined;
      resolve();
    }
    wake = done;
  });
}

const projects = new Map<number, { project: Project | undefined; loadedAt: number }>();
const context: DigestContext = {
  async project(projectId) {
    const cached = projects.get(projectId);
    if (cached !== undefined && Date.now() - cached.loadedAt < PROJECT_TTL_MS)
      return cached.project;
    const project = await store.getProject(projectId);
    projects.set(projectId, { project, loadedAt: Date.now() });
    return project;
  },
  onEntryFailed(error, entry) {
    post({
      type: 'entry_failed',
      message: `event ${entry.eventId} of project ${entry.projectId} could not be digested: ${String(error)}`,
    });
  },
};

async function flushOutcomes(): Promise<void> {
  if (pendingOutcomes.size === 0) return;
  const records = pendingOutcomes.take();
  try {
    await store.recordOutcomes(records);
  } catch (error) {
    // Kept for the next try once the database is back (recordOutcomes writes all or nothing).
    for (const record of records) pendingOutcomes.add(record);
    throw error;
  }
}

function persist(claimed: ClaimedEnvelope[], batch: DigestedBatch): Promise<OutcomeRecord[]> {
  return persistBatch(store, claimed, batch, {
    onBatchRefused(error) {
      post({
        type: 'entry_failed',
        message: `batch persist failed, retrying entry by entry: ${String(error)}`,
      });
    },
    onEntryFailed: context.onEntryFailed,
  });
}

const OUTAGE_RETRY_MIN_MS = 500;
const OUTAGE_RETRY_MAX_MS = 5000;

/** A batch this thread claimed, with when it got it: kept across an outage until persisted. */
interface Claim {
  entries: ClaimedEnvelope[];
  claimSeconds: number;
  /** performance.now() when the claim returned. */
  pickedAt: number;
}

function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * Claims, digests and persists batches until stopped. While the database is unavailable the
 * claimed batch is kept and persisted again once it is back: re-claiming would find it still
 * leased (PostgreSQL), so events would wait out the lease. Other errors end the thread, which
 * digest-thread.ts restarts.
 */
async function run(): Promise<void> {
  let claim: Claim | undefined;
  let digested: Awaited<ReturnType<typeof digestBatch>> | undefined;
  let retryMs = OUTAGE_RETRY_MIN_MS;
  while (running) {
    try {
      await flushOutcomes();
      if (claim === undefined) {
        const claimStarted = performance.now();
        const entries = await store.claimBatch(BATCH_SIZE, BATCH_BYTES);
        // Idle polls are not timed: reporting them would cost a message a second for nothing.
        if (entries.length === 0) {
          retryMs = OUTAGE_RETRY_MIN_MS;
          reportHealth(undefined);
          await sleepUntilWoken(IDLE_POLL_MS);
          continue;
        }
        claim = { entries, claimSeconds: secondsSince(claimStarted), pickedAt: performance.now() };
      }
      // Digest reads projects from the store, so it too can meet the outage.
      digested ??= await digestBatch(claim.entries, context);
      const persistStarted = performance.now();
      const persistOutcomes = await persist(claim.entries, digested.batch);
      const persistSeconds = secondsSince(persistStarted);
      // received_at is wall-clock time from ingest (on PostgreSQL perhaps another node's clock,
      // hence the clamp), so latency is measured against Date.now(), not performance.now().
      const persistedAt = Date.now() / 1000;
      const timings: DigestTimings = {
        claimSeconds: claim.claimSeconds,
        persistSeconds,
        batchSeconds: secondsSince(claim.pickedAt),
        eventLatencySeconds: digested.batch.events.map((event) =>
          Math.max(0, persistedAt - event.receivedAt),
        ),
      };
      const outcomes = [...digested.outcomes, ...persistOutcomes];
      if (outcomes.length > 0) await store.recordOutcomes(outcomes);
      post({
        type: 'digested',
        count: claim.entries.length,
        events: digested.batch.events.length,
        timings,
      });
      claim = undefined;
      digested = undefined;
      retryMs = OUTAGE_RETRY_MIN_MS;
      reportHealth(undefined);
      // A backlog is digested batch after batch with only microtasks in between (SQLite answers
      // synchronously), so without this turn of the event loop the port's messages, `stop` and
      // ingest's outcomes, waited until the backlog ran dry: shutdown took 14 s after a load.
      await nextTurn();
    } catch (error) {
      if (!store.isUnavailable(error)) throw error;
      const problem = `storage unavailable: ${String(error).slice(0, 200)}`;
      // Said once per outage (and in /readyz), not once per retry.
      if (reportedProblem === undefined || reportedProblem === STARTING)
        post({ type: 'entry_failed', message: problem });
      reportHealth(problem);
      backingOff = true;
      await sleepUntilWoken(retryMs);
      backingOff = false;
      retryMs = Math.min(retryMs * 2, OUTAGE_RETRY_MAX_MS);
    }
  }
  await flushOutcomes();
  await store.close();
  post({ type: 'stopped' });
  port.close(); // lets the thread exit
}

run().catch((error: unknown) => {
  post({
    type: 'fatal',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
