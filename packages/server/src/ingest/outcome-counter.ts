/**
 * Sums outcomes in memory and hands them on about once a second, so counting costs ingest a map
 * update rather than a database write per request. At most MAX_KEYS_PER_FLUSH distinct rows a
 * second: what one flush may ask the database to write is bounded whatever the traffic.
 */
import type { OutcomeRecord } from '../store/types.js';
import { hourOf } from '../store/issue-delta.js';
import { OutcomeSums, outcomeRowKey } from '../store/outcome-sums.js';
import type { PlannedOutcome } from './plan-envelope.js';

export const MAX_KEYS_PER_FLUSH = 10_000;

export class OutcomeCounter {
  readonly #pending = new OutcomeSums<OutcomeRecord>(MAX_KEYS_PER_FLUSH, outcomeRowKey);
  readonly #timer: NodeJS.Timeout;
  /** Outcomes dropped because a flush's keys were used up (a flood, not an SDK). */
  dropped = 0;

  constructor(
    private readonly sink: (records: OutcomeRecord[]) => void,
    intervalMs = 1000,
  ) {
    this.#timer = setInterval(() => this.flush(), intervalMs);
    this.#timer.unref();
  }

  add(projectId: number, outcome: PlannedOutcome, nowSeconds = Date.now() / 1000): void {
    if (!this.#pending.add({ projectId, hour: hourOf(nowSeconds), ...outcome })) this.dropped++;
  }

  flush(): void {
    if (this.#pending.size === 0) return;
    this.sink(this.#pending.take());
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
