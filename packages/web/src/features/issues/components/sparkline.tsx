import type { StatsPeriod } from '../../../lib/client';

const WIDTH = 72;
const HEIGHT = 20;

/**
 * An issue's events over the period as bars, oldest left: enough to see "steady", "new" or
 * "spiking" at a glance. SVG attributes, not style: the CSP allows no inline styles.
 */
export function Sparkline({ series, period }: { series: readonly number[]; period: StatsPeriod }) {
  const total = series.reduce((sum, count) => sum + count, 0);
  const peak = Math.max(1, ...series);
  const slot = WIDTH / Math.max(1, series.length);
  const label = `${total.toLocaleString()} event${total === 1 ? '' : 's'} in the last ${
    period === '24h' ? '24 hours' : '14 days'
  }`;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line className="sparkline-base" x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
      {series.map((count, bucket) => {
        if (count === 0) return null;
        const height = Math.max(1.5, (count / peak) * (HEIGHT - 1));
        return (
          <rect
            key={bucket}
            className="sparkline-bar"
            x={bucket * slot + 0.5}
            y={HEIGHT - height}
            width={Math.max(1, slot - 1)}
            height={height}
          />
        );
      })}
    </svg>
  );
}
