/**
 * Gathers the envelopes that requests accepted in one turn of the event loop and hands them to
 * the queue's sink as one batch; each request's promise settles only when its batch is durable.
 * Batches are not held back while an earlier one commits: the sink (the queue thread) folds
 * whatever has arrived by its next commit into one transaction, so under load one fsync serves
 * hundreds of events while a lone event still commits at once.
 */
import type { QueuedEnvelope } from '../store/types.js';

/** Makes envelopes durable; resolves with how many were new queue entries. */
export type QueueSink = (envelopes: QueuedEnvelope[]) => Promise<number>;

interface Waiter {
  envelope: QueuedEnvelope;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class QueueWriter {
  #waiting: Waiter[] = [];
  #scheduled = false;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly sink: QueueSink,
    /** Called after each durable commit, with how many new queue entries it made. */
    private readonly onCommitted: (count: number) => void,
  ) {}

  enqueue(envelope: QueuedEnvelope): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ envelope, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#waiting;
    if (batch.length === 0) return;
    this.#waiting = [];
    const committed = this.sink(batch.map((waiter) => waiter.envelope)).then(
      (inserted) => {
        for (const waiter of batch) waiter.resolve();
        this.onCommitted(inserted);
      },
      (error: unknown) => {
        for (const waiter of batch) waiter.reject(error);
      },
    );
    this.#inFlight.add(committed);
    void committed.finally(() => this.#inFlight.delete(committed));
  }

  /** Settles everything accepted so far; used at shutdown. */
  async drain(): Promise<void> {
    this.#flush();
    await Promise.all(this.#inFlight);
  }
}
