import type { StackFrame } from '@faultline/protocol';
import { KeyValueTable } from '../../../components/key-value-table';
import { isWorthExplaining, unmappedOf } from '../lib/unmapped-frames';

/**
 * One stack frame: a line saying where, and (when `open`) its source lines and local variables
 * below; a click toggles them.
 */
export function FrameView({ frame, open }: { frame: StackFrame; open: boolean }) {
  const inApp = frame.in_app === true;
  const vars = frame.vars === undefined ? [] : Object.entries(frame.vars);
  const hasSource = frame.context_line !== undefined;
  const className = inApp ? 'frame in-app' : 'frame library';
  const summary = <FrameSummary frame={frame} inApp={inApp} />;
  if (!hasSource && vars.length === 0) {
    return (
      <li className={className}>
        <div className="frame-summary">{summary}</div>
      </li>
    );
  }
  return (
    <li className={className}>
      <details open={open}>
        <summary className="frame-summary">{summary}</summary>
        {hasSource ? <ContextLines frame={frame} /> : null}
        {vars.length === 0 ? null : (
          <div className="frame-vars">
            <KeyValueTable entries={vars} label="Local variables" />
          </div>
        )}
      </details>
    </li>
  );
}

function FrameSummary({ frame, inApp }: { frame: StackFrame; inApp: boolean }) {
  const where =
    frame.filename ?? frame.abs_path ?? frame.module ?? frame.package ?? frame.instruction_addr;
  const unmapped = unmappedOf(frame);
  return (
    <>
      {/* Not a file a map could exist for (`node:internal/…`): said on hover only. */}
      <span className="frame-file" title={unmapped?.detail}>
        {where ?? '<unknown>'}
      </span>
      {frame.lineno === undefined ? null : (
        <span className="frame-line">
          :{frame.lineno}
          {frame.colno === undefined ? '' : `:${frame.colno}`}
        </span>
      )}
      <span className="frame-in"> in </span>
      <span className="frame-function">{frame.function ?? frame.symbol ?? '?'}</span>
      {inApp ? null : <span className="frame-kind">library</span>}
      {unmapped !== undefined && isWorthExplaining(unmapped) ? (
        <span className="frame-unmapped">Not mapped: {unmapped.detail}</span>
      ) : null}
    </>
  );
}

/** The source around the failing line, numbered, with that line highlighted. */
function ContextLines({ frame }: { frame: StackFrame }) {
  const pre = frame.pre_context ?? [];
  const post = frame.post_context ?? [];
  const first = frame.lineno === undefined ? undefined : frame.lineno - pre.length;
  const lines: Array<[string, boolean]> = [
    ...pre.map((text): [string, boolean] => [text, false]),
    [frame.context_line ?? '', true],
    ...post.map((text): [string, boolean] => [text, false]),
  ];
  return (
    <pre className="context-lines">
      {lines.map(([text, current], index) => (
        <span key={index} className={current ? 'line current' : 'line'}>
          <span className="line-no">{first === undefined ? '' : first + index}</span>
          <code>{text}</code>
        </span>
      ))}
    </pre>
  );
}
