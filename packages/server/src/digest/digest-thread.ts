/**
 * The main thread's handle on the digest worker: wakes it when ingest commits, forwards outcome
 * counts, restarts it if it dies (a bug must not stop digestion for good), stops it cleanly.
 */
import { Worker } from 'node:worker_threads';
import type { StoreConfig } from '../store/open-store.js';
import type { OutcomeRecord } from '../store/types.js';
import type { DigestTimings, FromDigest, ToDigest } from './messages.js';
import { WORKER_HEAP_LIMITS } from '../worker-heap-limits.js';

export interface DigestThreadEvents {
  onDigested(count: number, timings: DigestTimings): void;
  onProblem(message: string): void;
}

const RESTART_DELAY_MS = 1000;

export class DigestThread {
  #worker: Worker | undefined;
  #stopping: Promise<void> | undefined;
  #wakePending = false;
  #problem: string | undefined;

  constructor(
    private readonly store: StoreConfig,
    private readonly events: DigestThreadEvents,
  ) {
    this.#start();
  }

  #start(): void {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { store: this.store },
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    worker.on('message', (message: FromDigest) => {
      if (message.type === 'digested') this.events.onDigested(message.count, message.timings);
      else if (message.type === 'health') this.#problem = message.problem;
      else if (message.type === 'entry_failed' || message.type === 'fatal')
        this.events.onProblem(message.message);
    });
    worker.on('error', (error) =>
      this.events.onProblem(`digest worker failed: ${error.stack ?? error.message}`),
    );
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      if (this.#stopping === undefined) {
        this.#problem = `the digest worker exited with code ${code}; restarting it`;
        this.events.onProblem(`digest worker exited with code ${code}; restarting`);
        setTimeout(() => {
          if (this.#stopping === undefined) this.#start();
        }, RESTART_DELAY_MS).unref();
      }
    });
    this.#worker = worker;
  }

  /** Why digest is not making progress now (for /readyz), or undefined. */
  problem(): string | undefined {
    return this.#problem;
  }

  #send(message: ToDigest): void {
    this.#worker?.postMessage(message);
  }

  /** Coalesced: many commits in one tick send one wake-up. */
  wake(): void {
    if (this.#wakePending) return;
    this.#wakePending = true;
    queueMicrotask(() => {
      this.#wakePending = false;
      this.#send({ type: 'wake' });
    });
  }

  sendOutcomes(records: OutcomeRecord[]): void {
    this.#send({ type: 'outcomes', records });
  }

  /** Lets the worker finish its batch, write pending outcomes, and close its store. */
  stop(): Promise<void> {
    this.#stopping ??= new Promise((resolve) => {
      const worker = this.#worker;
      if (worker === undefined) return resolve();
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'stop' } satisfies ToDigest);
    });
    return this.#stopping;
  }
}
