/**
 * Sums outcomes in memory and hands them on about once a second, so counting costs ingest a map
 * update rather than a database write per request.
 */
import type { OutcomeRecord } from '../store/types.js';
import { hourOf } from '../store/issue-delta.js';
import type { PlannedOutcome } from './plan-envelope.js';

export class OutcomeCounter {
  #pending = new Map<string, OutcomeRecord>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly sink: (records: OutcomeRecord[]) => void,
    intervalMs = 1000,
  ) {
    this.#timer = setInterval(() => this.flush(), intervalMs);
    this.#timer.unref();
  }

  add(projectId: number, outcome: PlannedOutcome, nowSeconds = Date.now() / 1000): void {
    const hour = hourOf(nowSeconds);
    const id = `${projectId}|${hour}|${outcome.category}|${outcome.outcome}|${outcome.reason}`;
    const record = this.#pending.get(id);
    if (record !== undefined) {
      record.quantity += outcome.quantity;
    } else {
      this.#pending.set(id, { projectId, hour, ...outcome });
    }
  }

  flush(): void {
    if (this.#pending.size === 0) return;
    const records = [...this.#pending.values()];
    this.#pending = new Map();
    this.sink(records);
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
