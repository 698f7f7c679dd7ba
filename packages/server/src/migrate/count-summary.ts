/** The summary `faultline migrate` ends with: per table, rows in the source and in the target. */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export function formatSummary(counts: readonly TableCount[]): string {
  const width = Math.max(5, ...counts.map((c) => c.table.length));
  const column = (value: string | number) => String(value).padStart(10);
  const lines = [`${'table'.padEnd(width)} ${column('source')} ${column('target')}`];
  for (const count of counts) {
    const mark = count.source === count.target ? '' : '  DIFFERS';
    lines.push(
      `${count.table.padEnd(width)} ${column(count.source)} ${column(count.target)}${mark}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function differingCounts(counts: readonly TableCount[]): TableCount[] {
  return counts.filter((count) => count.source !== count.target);
}

export function verifiedLine(counts: readonly TableCount[]): string {
  const rows = counts.reduce((sum, count) => sum + count.target, 0);
  return `verified: ${rows} rows in ${counts.length} tables\n`;
}
