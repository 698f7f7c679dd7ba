/**
 * Group commit for the ingest queue: requests arriving in the same turn of the event loop are
 * written in one transaction, and each request's promise settles only when that transaction is
 * durable. One commit (and one fsync) then serves hundreds of events under load, while a lone
 * event still commits on the next tick.
 */
import type { Store } from '../store/store.js';
import type { QueuedEnvelope } from '../store/types.js';

interface Waiter {
  envelope: QueuedEnvelope;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class QueueWriter {
  #waiting: Waiter[] = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;

  constructor(
    private readonly store: Store,
    /** Called after each durable commit, with how many new queue entries it made. */
    private readonly onCommitted: (count: number) => void,
  ) {}

  enqueue(envelope: QueuedEnvelope): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ envelope, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing !== undefined) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#waiting;
    if (batch.length === 0) return;
    this.#waiting = [];
    this.#flushing = this.store.enqueue(batch.map((waiter) => waiter.envelope)).then(
      (inserted) => {
        for (const waiter of batch) waiter.resolve();
        this.onCommitted(inserted);
      },
      (error: unknown) => {
        for (const waiter of batch) waiter.reject(error);
      },
    );
    await this.#flushing;
    this.#flushing = undefined;
    if (this.#waiting.length > 0) this.#schedule();
  }

  /** Commits whatever is waiting; used at shutdown. */
  async drain(): Promise<void> {
    while (this.#flushing !== undefined || this.#waiting.length > 0) {
      if (this.#flushing !== undefined) await this.#flushing;
      else await this.#flush();
    }
  }
}
