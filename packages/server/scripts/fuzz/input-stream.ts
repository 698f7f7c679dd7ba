/**
 * The run's inputs in order, from one seeded source. Now and then an input is sent again as it
 * was (an SDK retrying): the event id repeats, and the store must still hold one event for it.
 * The same seed, seeds and target give the same stream, so an input can be made again by its
 * index instead of being kept in memory.
 */
import type { Target } from './auth.js';
import { generateInput } from './generate-input.js';
import type { FuzzInput } from './generate-input.js';
import { Random } from './random.js';
import type { Seed } from './seeds.js';

const RESEND_CHANCE = 0.03;

export class InputStream {
  readonly #random: Random;
  readonly #seeds: readonly Seed[];
  readonly #target: Target;
  #index = 0;
  #previous: FuzzInput | undefined;

  constructor(seed: number, seeds: readonly Seed[], target: Target) {
    this.#random = new Random(seed);
    this.#seeds = seeds;
    this.#target = target;
  }

  next(): FuzzInput {
    const index = this.#index++;
    const previous = this.#previous;
    this.#previous =
      previous !== undefined && this.#random.chance(RESEND_CHANCE)
        ? { ...previous, index, mutations: [...previous.mutations, `resent:${previous.index}`] }
        : generateInput(index, this.#random, this.#seeds, this.#target);
    return this.#previous;
  }
}

/** The inputs at `indices`, made again. */
export function regenerateInputs(
  seed: number,
  seeds: readonly Seed[],
  target: Target,
  indices: ReadonlySet<number>,
): Map<number, FuzzInput> {
  const found = new Map<number, FuzzInput>();
  let last = -1;
  for (const index of indices) last = Math.max(last, index);
  const stream = new InputStream(seed, seeds, target);
  for (let index = 0; index <= last; index++) {
    const input = stream.next();
    if (indices.has(index)) found.set(index, input);
  }
  return found;
}
