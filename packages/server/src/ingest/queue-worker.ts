/**
 * The queue writer thread's entry (see queue-thread.ts). Batches that arrive while a commit runs
 * are folded into the next transaction: group commit, one fsync for all of them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open-store.js';
import type { StoreConfig } from '../store/open-store.js';
import type { QueuedEnvelope } from '../store/types.js';
import type { FromQueueThread, ToQueueThread } from './queue-thread.js';

const PRUNE_INTERVAL_MS = 1000;

const port = parentPort!;
const { store: storeConfig } = workerData as { store: StoreConfig };
const store = await openStore(storeConfig);

function post(message: FromQueueThread): void {
  port.postMessage(message);
}

let pending: Array<{ id: number; envelopes: QueuedEnvelope[] }> = [];
let commitScheduled = false;

async function commitPending(): Promise<void> {
  commitScheduled = false;
  const batches = pending;
  pending = [];
  try {
    // One transaction for all batches; each batch learns how many of its own entries were new.
    const counts = await store.enqueueBatches(batches.map((batch) => batch.envelopes));
    batches.forEach((batch, index) =>
      post({ type: 'committed', id: batch.id, inserted: counts[index]! }),
    );
  } catch (error) {
    for (const batch of batches) post({ type: 'failed', id: batch.id, message: String(error) });
  }
}

// Completed entries are deleted in one statement a second, not per batch: cheaper, and off the
// commit path of requests.
const pruneTimer = setInterval(() => {
  store
    .pruneQueue()
    .catch((error: unknown) =>
      post({ type: 'problem', message: `queue prune failed: ${String(error)}` }),
    );
}, PRUNE_INTERVAL_MS);

port.on('message', (message: ToQueueThread) => {
  if (message.type === 'stop') {
    clearInterval(pruneTimer);
    void commitPending()
      .then(() => store.pruneQueue())
      .then(() => store.close())
      .finally(() => port.close());
    return;
  }
  pending.push({ id: message.id, envelopes: message.envelopes });
  if (!commitScheduled) {
    commitScheduled = true;
    setImmediate(() => void commitPending());
  }
});

post({ type: 'ready' });
