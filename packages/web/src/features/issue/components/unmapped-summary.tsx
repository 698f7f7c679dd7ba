import type { StackFrame } from '@faultline/protocol';
import { unmappedGroups } from '../lib/unmapped-frames';

/**
 * Above a stack: how many frames stayed minified and why, one line per reason ("2 frames could
 * not be mapped: release 1.4.0 has no ~/assets/app.js"), so a missing upload is named, not guessed.
 */
export function UnmappedSummary({ frames }: { frames: readonly StackFrame[] }) {
  const groups = unmappedGroups(frames);
  if (groups.length === 0) return null;
  return (
    <ul className="unmapped-summary" aria-label="Frames not mapped">
      {groups.map((group) => (
        <li key={group.code} data-reason={group.code}>
          <strong>
            {group.count} {group.count === 1 ? 'frame' : 'frames'} could not be mapped:
          </strong>{' '}
          {group.detail}
          {group.others === 0
            ? null
            : ` (and ${group.others} similar ${group.others === 1 ? 'case' : 'cases'})`}
        </li>
      ))}
    </ul>
  );
}
