/**
 * One request's outcomes, summed per (category, outcome, reason): 300 session items make one
 * outcome of 300, not 300 map updates downstream. The words are already from a fixed vocabulary
 * (outcome-vocabulary.ts); the cap on distinct keys is the second line, should a new source of
 * outcomes ever forget it.
 */
import type { PlannedOutcome } from './plan-envelope.js';

export const MAX_OUTCOME_KEYS_PER_REQUEST = 64;

export class OutcomeTally {
  readonly #byKey = new Map<string, PlannedOutcome>();

  add(outcomes: readonly PlannedOutcome[]): void {
    for (const outcome of outcomes) {
      const key = `${outcome.category}|${outcome.outcome}|${outcome.reason}`;
      const sum = this.#byKey.get(key);
      if (sum !== undefined) sum.quantity += outcome.quantity;
      else if (this.#byKey.size < MAX_OUTCOME_KEYS_PER_REQUEST)
        this.#byKey.set(key, { ...outcome });
    }
  }

  list(): PlannedOutcome[] {
    return Array.from(this.#byKey.values());
  }
}
