import type { StackFrame } from '@faultline/protocol';
import { FrameView } from './frame-view';

/**
 * A stack, most recent call first as Sentry shows it (the protocol stores it oldest first). The
 * app's own frames are open, library frames one collapsed line each; a stack without any in-app
 * frame (an SDK that does not mark them) opens its top frame, so there is always source to see.
 */
export function FrameList({ frames }: { frames: readonly StackFrame[] }) {
  const anyInApp = frames.some((frame) => frame.in_app === true);
  return (
    <ol className="frames" aria-label="Stack frames, most recent call first">
      {[...frames].reverse().map((frame, index) => (
        <FrameView
          key={index}
          frame={frame}
          open={frame.in_app === true || (!anyInApp && index === 0)}
        />
      ))}
    </ol>
  );
}
