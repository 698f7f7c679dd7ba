import { exactTime, relativeTime } from '../lib/relative-time';
import { useNow } from '../lib/use-now';

/** A relative time (`5m ago`) with the exact one on hover. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
