/** The run as text: statuses by class, then each kind of violation with a reproducer. */
import type { FuzzRun } from './run-fuzz.js';
import type { Violation } from './violations.js';

export function formatStatuses(run: FuzzRun): string {
  const rows = [...run.statuses].sort((a, b) => b[1] - a[1]);
  const width = Math.max(20, ...rows.map(([key]) => key.length));
  return [
    `${'status / code'.padEnd(width)}  count`,
    ...rows.map(([key, count]) => `${key.padEnd(width)}  ${String(count).padStart(5)}`),
  ].join('\n');
}

export function formatViolations(
  violations: readonly Violation[],
  reproducers: ReadonlyMap<string, string>,
): string {
  const byKind = new Map<string, Violation[]>();
  for (const violation of violations)
    byKind.set(violation.kind, [...(byKind.get(violation.kind) ?? []), violation]);
  const lines: string[] = [];
  for (const [kind, list] of byKind) {
    const first = list[0]!;
    lines.push(`${kind}: ${list.length}`);
    lines.push(`  e.g. ${first.detail.split('\n').slice(0, 3).join(' | ')}`);
    if (first.input !== undefined)
      lines.push(
        `  input ${first.input.index} (${first.input.seed}): ${first.input.mutations.join(', ')}`,
      );
    const saved = reproducers.get(kind);
    if (saved !== undefined) lines.push(`  saved: ${saved}`);
  }
  return lines.join('\n');
}

export function formatSummary(run: FuzzRun): string {
  return [
    `seed ${run.seed}: ${run.sent} inputs in ${run.sendSeconds.toFixed(1)} s from ${run.seedNames.length} seeds`,
    `${run.acknowledgedEvents} distinct events acknowledged with 200 (each must be stored once); ${run.unjudged} 200s for bodies the oracle could not read`,
    run.violations.length === 0
      ? 'no violations'
      : `${run.violations.length} violations (replay with --seed ${run.seed})`,
  ].join('\n');
}
