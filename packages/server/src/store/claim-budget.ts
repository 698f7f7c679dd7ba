/**
 * How many queue entries one claim takes: up to a count and up to a number of envelope bytes.
 * A count alone let 200 entries of 20 MiB each into one batch (≈ 850 MB of worker memory once
 * decoded); the byte budget bounds that, and the first entry is always taken, however big, so a
 * large envelope is digested alone rather than never.
 */

/** No byte budget: the claim is bounded by its count only. */
export const UNLIMITED_BYTES = Number.MAX_SAFE_INTEGER;

/** How many of `sizes` (in queue order) a claim of at most `maxBytes` takes: at least one. */
export function entriesWithinBudget(sizes: readonly number[], maxBytes: number): number {
  let total = 0;
  for (let index = 0; index < sizes.length; index++) {
    total += sizes[index]!;
    if (total > maxBytes) return Math.max(1, index);
  }
  return sizes.length;
}
