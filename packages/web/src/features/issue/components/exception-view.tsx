import type { ExceptionValue } from '@faultline/protocol';
import { StackTraceView } from './stack-trace-view';

/** One exception of the chain: what was thrown, how it was caught, its frames newest first. */
export function ExceptionView({
  exception,
  relation,
  depth,
}: {
  exception: ExceptionValue;
  relation: string | undefined;
  depth: number;
}) {
  const mechanism = exception.mechanism;
  return (
    <li className={`exception depth-${Math.min(depth, 4)}`}>
      {relation === undefined ? null : <div className="chain-relation">{relation}</div>}
      <article className="exception-card" aria-label={`${exception.type ?? 'Error'} exception`}>
        <header className="exception-head">
          <span className="exception-type">{exception.type ?? 'Error'}</span>
          {exception.value === undefined ? null : (
            <span className="exception-value">{exception.value}</span>
          )}
          <span className="exception-meta">
            {exception.module === undefined ? null : <span>{exception.module}</span>}
            {mechanism === undefined ? null : <span>{mechanism.type}</span>}
            {mechanism?.handled === false ? (
              <span className="badge level-fatal">unhandled</span>
            ) : null}
          </span>
        </header>
        <StackTraceView
          stacktrace={exception.stacktrace}
          rawStacktrace={exception.raw_stacktrace}
        />
      </article>
    </li>
  );
}
