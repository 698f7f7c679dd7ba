/**
 * Complexity assertions without wall-clock thresholds: the same step on an input and on one ten
 * times larger, in this process, best of a few rounds. A linear step costs about 10× as much; a
 * quadratic one about 100×; a capped one about 1×. Cost is the process's CPU time, not the wall
 * clock: on a machine shared with other work (CI, helpers, two cores) time spent waiting for a
 * core would otherwise land on one side and decide the ratio.
 */
import assert from 'node:assert/strict';

export interface ScalingOptions {
  /** The sizes compared; the larger must be 10× the smaller for the default bound to mean much. */
  small?: number;
  large?: number;
  /** How much more the large input may cost. */
  maxRatio?: number;
  /** How long the small input's repeated calls take at least (more: steadier, slower). */
  targetMs?: number;
}

/** CPU milliseconds (user and system) this process has used, its garbage collection included. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The best CPU time of `rounds` runs of `repeats` calls, in milliseconds. */
function bestTime(run: () => void, repeats: number, rounds: number): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = cpuMs();
    for (let i = 0; i < repeats; i++) run();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

/**
 * How many calls of `run` take at least `targetMs` in the best of a few rounds, so that timer
 * noise and one collection of garbage do not decide.
 */
function repeatsFor(run: () => void, targetMs: number): number {
  let repeats = 1;
  while (repeats < 100_000 && bestTime(run, repeats, 3) < targetMs) repeats *= 2;
  return repeats;
}

/**
 * Asserts that `step(make(large))` costs less than `maxRatio` times `step(make(small))`. Inputs
 * are built before timing; `step` must not change its input (clone inside it if it does: the
 * clone is linear and counts on both sides alike).
 */
export function assertScalesLinearly<T>(
  what: string,
  make: (size: number) => T,
  step: (input: T) => unknown,
  options: ScalingOptions = {},
): void {
  const { small = 10_000, large = small * 10, maxRatio = 30, targetMs = 4 } = options;
  const smallInput = make(small);
  const largeInput = make(large);
  step(largeInput); // warm up the code paths each input takes
  step(smallInput);
  // A ratio over the bound is measured again (up to five times in all) before it fails: on a
  // machine shared with other work one unlucky spell (caches flushed by a neighbour, a major
  // collection) can land on the large side; a quadratic step is over the bound every time.
  let measured = measureRatio(smallInput, largeInput, step, targetMs);
  for (let attempt = 1; attempt < 5 && measured.ratio >= maxRatio; attempt++)
    measured = measureRatio(smallInput, largeInput, step, targetMs);
  const { ratio, smallMs, largeMs, repeats } = measured;
  assert.ok(
    ratio < maxRatio,
    `${what}: ${large / small}× the input cost ${ratio.toFixed(1)}× the time ` +
      `(${smallMs.toFixed(2)} ms → ${largeMs.toFixed(2)} ms for ${repeats} runs); bound ${maxRatio}×`,
  );
}

function measureRatio<T>(
  smallInput: T,
  largeInput: T,
  step: (input: T) => unknown,
  targetMs: number,
) {
  const repeats = repeatsFor(() => step(smallInput), targetMs);
  // Interleaved, so that a spell of load from other processes falls on both sides alike.
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let round = 0; round < 5; round++) {
    smallMs = Math.min(
      smallMs,
      bestTime(() => step(smallInput), repeats, 1),
    );
    largeMs = Math.min(
      largeMs,
      bestTime(() => step(largeInput), repeats, 1),
    );
  }
  return { ratio: largeMs / smallMs, smallMs, largeMs, repeats };
}
