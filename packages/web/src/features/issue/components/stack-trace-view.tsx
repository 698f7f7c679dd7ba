import { useState } from 'react';
import type { Stacktrace } from '@faultline/protocol';
import { FrameList } from './frame-list';
import { UnmappedSummary } from './unmapped-summary';

/**
 * A stack trace as stored: symbolicated frames by default, and when digest mapped any (it kept
 * the frames as sent in `raw_stacktrace`), an "Original / Minified" switch to see those. Frames
 * left minified say why, above the stack and on each frame.
 */
export function StackTraceView({
  stacktrace,
  rawStacktrace,
}: {
  stacktrace: Stacktrace | undefined;
  rawStacktrace: Stacktrace | undefined;
}) {
  const [minified, setMinified] = useState(false);
  const shown = minified && rawStacktrace !== undefined ? rawStacktrace : stacktrace;
  const frames = shown?.frames ?? [];
  const omitted = shown?.frames_omitted;
  return (
    <>
      {rawStacktrace === undefined ? null : (
        <div className="stack-toolbar" role="group" aria-label="Frames shown">
          <button type="button" aria-pressed={!minified} onClick={() => setMinified(false)}>
            Original
          </button>
          <button type="button" aria-pressed={minified} onClick={() => setMinified(true)}>
            Minified
          </button>
        </div>
      )}
      {minified ? null : <UnmappedSummary frames={frames} />}
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
    </>
  );
}
