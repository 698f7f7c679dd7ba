/**
 * The durable queue's writer, on its own thread. A commit waits for fsync (synchronous=FULL: the
 * 200 promises durability); done on the main thread, that wait blocked HTTP for 40% of the time
 * under load (profiled at 4,600 events/s). Here the main thread only hands over each group of
 * envelopes and resolves their requests when the commit is back.
 *
 * The thread is also queue.db's only writer: it prunes entries digest has completed.
 */
import { Worker } from 'node:worker_threads';
import type { StoreConfig } from '../store/open-store.js';
import type { QueuedEnvelope } from '../store/types.js';
import { WORKER_HEAP_LIMITS } from '../worker-heap-limits.js';

export type ToQueueThread =
  { type: 'enqueue'; id: number; envelopes: QueuedEnvelope[] } | { type: 'stop' };

export type FromQueueThread =
  | { type: 'ready' }
  | { type: 'committed'; id: number; inserted: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'problem'; message: string };

export class QueueThread {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (inserted: number) => void; reject: (error: Error) => void }
  >();
  readonly #ready: Promise<void>;
  #nextId = 1;
  #exited = false;

  constructor(store: StoreConfig, onProblem: (message: string) => void) {
    this.#worker = new Worker(new URL('./queue-worker.js', import.meta.url), {
      workerData: { store: { ...store, queueWriter: true } },
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    let markReady: () => void;
    let failStart: (error: Error) => void;
    this.#ready = new Promise((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    this.#worker.on('message', (message: FromQueueThread) => {
      if (message.type === 'ready') return markReady();
      if (message.type === 'problem') return onProblem(message.message);
      const waiter = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.type === 'committed') waiter?.resolve(message.inserted);
      else waiter?.reject(new Error(message.message));
    });
    this.#worker.on('error', (error) => {
      failStart(error);
      onProblem(`queue writer failed: ${error.stack ?? error.message}`);
    });
    this.#worker.on('exit', () => {
      this.#exited = true;
      // Nothing more will be committed: refuse what waits (its requests get 503, not a false 200).
      for (const waiter of this.#pending.values()) waiter.reject(new Error('queue writer stopped'));
      this.#pending.clear();
    });
  }

  ready(): Promise<void> {
    return this.#ready;
  }

  /** Resolves with the number of new entries once the envelopes are durable. */
  enqueue(envelopes: QueuedEnvelope[]): Promise<number> {
    if (this.#exited) return Promise.reject(new Error('queue writer is not running'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'enqueue', id, envelopes } satisfies ToQueueThread);
    });
  }

  stop(): Promise<void> {
    // Already gone (it failed): there is no exit left to wait for.
    if (this.#exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.#worker.once('exit', () => resolve());
      this.#worker.postMessage({ type: 'stop' } satisfies ToQueueThread);
    });
  }
}
