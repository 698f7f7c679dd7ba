import { useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { useIssueCounts } from '../api/use-issue-counts';
import { countSeries } from '../lib/count-series';
import { Section } from './section';

const SPANS = {
  hour: { length: 48, label: 'Last 48 hours' },
  day: { length: 30, label: 'Last 30 days' },
} as const;
const WIDTH = 600;
const HEIGHT = 90;

/** Events over time as bars: when it started, whether it is still going. */
export function EventCountChart({ issueId }: { issueId: number }) {
  const [interval, setInterval] = useState<'hour' | 'day'>('hour');
  const counts = useIssueCounts(issueId, interval);
  const span = SPANS[interval];
  const series = countSeries(counts.data ?? [], interval, span.length, Date.now());
  const peak = Math.max(1, ...series.map((bucket) => bucket.count));
  const total = series.reduce((sum, bucket) => sum + bucket.count, 0);
  const slot = WIDTH / span.length;
  return (
    <Section title="Events">
      <div className="chart-head">
        <span className="chart-total">
          {counts.data === undefined
            ? 'Loading…'
            : `${total.toLocaleString()} in the ${span.label.toLowerCase()}`}
        </span>
        <select
          aria-label="Chart span"
          value={interval}
          onChange={(event) => setInterval(event.target.value === 'day' ? 'day' : 'hour')}
        >
          <option value="hour">{SPANS.hour.label}</option>
          <option value="day">{SPANS.day.label}</option>
        </select>
      </div>
      {counts.error === undefined ? null : (
        <ErrorNotice error={counts.error} onRetry={counts.reload} />
      )}
      <svg
        className="count-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${total} events in the ${span.label.toLowerCase()}`}
      >
        <line className="chart-base" x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {series.map((bucket, n) =>
          bucket.count === 0 ? null : (
            <rect
              key={bucket.start}
              className="chart-bar"
              x={n * slot + 1}
              width={Math.max(1, slot - 2)}
              y={HEIGHT - Math.max(2, (bucket.count / peak) * (HEIGHT - 4))}
              height={Math.max(2, (bucket.count / peak) * (HEIGHT - 4))}
            >
              <title>
                {`${bucket.count.toLocaleString()} · ${new Date(bucket.start).toLocaleString()}`}
              </title>
            </rect>
          ),
        )}
      </svg>
    </Section>
  );
}
