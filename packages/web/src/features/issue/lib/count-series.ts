/**
 * The counts API gives only the buckets that had events; a chart needs every bucket in its
 * span, oldest first, ending with the current one.
 */
export function countSeries(
  buckets: ReadonlyArray<{ start: string; count: number }>,
  interval: 'hour' | 'day',
  length: number,
  now: number,
): Array<{ start: number; count: number }> {
  const size = interval === 'hour' ? 3600_000 : 86_400_000;
  const last = Math.floor(now / size) * size;
  const first = last - (length - 1) * size;
  const series = Array.from({ length }, (_, n) => ({ start: first + n * size, count: 0 }));
  for (const bucket of buckets) {
    const at = Math.floor((Date.parse(bucket.start) - first) / size);
    const slot = series[at];
    if (slot !== undefined) slot.count += bucket.count;
  }
  return series;
}
