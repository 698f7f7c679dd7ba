import type { ExceptionValue } from '@faultline/protocol';
import { FrameList } from './frame-list';

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
  const frames = exception.stacktrace?.frames ?? [];
  const omitted = exception.stacktrace?.frames_omitted;
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
        {frames.length === 0 ? (
          <p className="empty">No stack trace.</p>
        ) : (
          // Stored oldest call first (the protocol's order); read newest first.
          <FrameList frames={frames} />
        )}
        {omitted === undefined ? null : (
          <p className="frames-omitted">
            {omitted[1] - omitted[0]} frames omitted from the middle of this stack.
          </p>
        )}
      </article>
    </li>
  );
}
