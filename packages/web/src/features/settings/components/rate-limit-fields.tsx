import type { RateLimitJson } from '../../../lib/client';

export interface RateLimitText {
  count: string;
  windowSeconds: string;
}

export function rateLimitText(limit: RateLimitJson | null): RateLimitText {
  return limit === null
    ? { count: '', windowSeconds: '' }
    : { count: String(limit.count), windowSeconds: String(limit.windowSeconds) };
}

/** Both empty: no limit. One empty: sent as is, so the API's 400 says what is missing. */
export function rateLimitOf(text: RateLimitText): RateLimitJson | null {
  if (text.count.trim() === '' && text.windowSeconds.trim() === '') return null;
  return { count: Number(text.count), windowSeconds: Number(text.windowSeconds) };
}

export function describeRateLimit(limit: RateLimitJson | null): string {
  return limit === null ? 'no limit' : `${limit.count} per ${limit.windowSeconds} s`;
}

/** `count` events per `windowSeconds`; both empty for none. */
export function RateLimitFields({
  legend,
  value,
  onChange,
  problem,
}: {
  legend: string;
  value: RateLimitText;
  onChange: (value: RateLimitText) => void;
  problem?: string | undefined;
}) {
  return (
    <fieldset className="rate-limit">
      <legend>{legend}</legend>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Events</span>
          <input
            type="number"
            min={1}
            placeholder="none"
            aria-label={`${legend}: events`}
            value={value.count}
            onChange={(event) => onChange({ ...value, count: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Per (seconds)</span>
          <input
            type="number"
            min={1}
            placeholder="none"
            aria-label={`${legend}: window in seconds`}
            value={value.windowSeconds}
            onChange={(event) => onChange({ ...value, windowSeconds: event.target.value })}
          />
        </label>
      </div>
      <span className="field-hint">Leave both empty for no limit.</span>
      {problem === undefined ? null : (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </fieldset>
  );
}
