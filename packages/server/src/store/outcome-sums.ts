/**
 * Outcome counts summed per key before they go on: one request's outcomes per word (plan-envelope
 * .ts: 300 session items make one outcome of 300), ingest's counter a second's requests per row,
 * digest's worker what waits for the database. Bounded by distinct keys: a key beyond `maxKeys`
 * is dropped, never passed on (the words are already from a fixed vocabulary, so only a flood of
 * projects or hours, or a new source of outcomes that forgot the vocabulary, gets there).
 */
import type { OutcomeRecord } from './types.js';

interface OutcomeWords {
  category: string;
  outcome: string;
  reason: string;
  quantity: number;
}

/** The key of one request's outcomes: its words (project and hour are the request's). */
export function outcomeWordsKey(outcome: OutcomeWords): string {
  return `${outcome.category}|${outcome.outcome}|${outcome.reason}`;
}

/** The key of a stored outcome row. */
export function outcomeRowKey(record: OutcomeRecord): string {
  return `${record.projectId}|${record.hour}|${outcomeWordsKey(record)}`;
}

export class OutcomeSums<R extends OutcomeWords> {
  #sums = new Map<string, R>();

  constructor(
    readonly maxKeys: number,
    private readonly keyOf: (record: R) => string,
  ) {}

  get size(): number {
    return this.#sums.size;
  }

  /** False when the record's key is new and there is no room for it. */
  add(record: R): boolean {
    const key = this.keyOf(record);
    const sum = this.#sums.get(key);
    if (sum !== undefined) {
      sum.quantity += record.quantity;
      return true;
    }
    if (this.#sums.size >= this.maxKeys) return false;
    this.#sums.set(key, { ...record });
    return true;
  }

  addAll(records: readonly R[]): void {
    for (const record of records) this.add(record);
  }

  /** Everything summed so far; the sums start again from empty. */
  take(): R[] {
    const records = Array.from(this.#sums.values());
    this.#sums = new Map();
    return records;
  }
}
