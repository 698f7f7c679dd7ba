/**
 * Outcome counts summed per row key (project, hour, category, outcome, reason) before they are
 * written: ingest's counter sums a second's requests, digest's worker what waits for the
 * database. Bounded by distinct keys: a key beyond `maxKeys` is dropped, never stored (the
 * words are already from a fixed vocabulary, so only a flood of projects or hours gets there).
 */
import type { OutcomeRecord } from './types.js';

export class OutcomeSums {
  #sums = new Map<string, OutcomeRecord>();

  constructor(readonly maxKeys: number) {}

  get size(): number {
    return this.#sums.size;
  }

  /** False when the record's key is new and there is no room for it. */
  add(record: OutcomeRecord): boolean {
    const key = `${record.projectId}|${record.hour}|${record.category}|${record.outcome}|${record.reason}`;
    const sum = this.#sums.get(key);
    if (sum !== undefined) {
      sum.quantity += record.quantity;
      return true;
    }
    if (this.#sums.size >= this.maxKeys) return false;
    this.#sums.set(key, { ...record });
    return true;
  }

  /** Everything summed so far; the sums start again from empty. */
  take(): OutcomeRecord[] {
    const records = Array.from(this.#sums.values());
    this.#sums = new Map();
    return records;
  }
}
