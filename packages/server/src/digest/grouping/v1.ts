/**
 * Grouping version 1. Released versions never change: a change in what this file (or the helpers
 * it imports) produces would split or merge existing issues. A v2 goes beside it, in its own file,
 * registered in registry.ts.
 *
 * The first rule that applies decides the group:
 *   1. the event's own `fingerprint`, with `{{ default }}` standing for rules 2–4;
 *   2. the exception chain: for each exception, oldest to newest, its type and its stack: the
 *      in-app frames, or every frame when none is in app; each frame by its module (else its
 *      normalized file name, else its native package) and its function (else, for anonymous
 *      functions, its source line), never by line or column, which move with every release. An
 *      exception without usable frames is identified by its type and its parametrized value;
 *   3. the message (the log template when there is one), parametrized;
 *   4. the event's title.
 * Roads not taken: thread stacks do not group (a message logged through a shared helper would
 * then group by the helper, not by what it says), and neither do exception values when frames
 * exist (they carry ids, paths and counts that would split one bug into thousands of issues).
 *
 * Known faults, fixed in v2 (v2.ts): names that mean "no function" (`?`, `<anonymous>`,
 * `<lambda>`, …) count as function names, so two anonymous handlers of one file share a frame;
 * and a frame with neither a function nor a source line (a minified browser bundle) is reduced to
 * its file, so every error thrown in one bundle groups alike.
 */
import type { StackFrame } from '@faultline/protocol';
import { groupingComponent } from './component.js';
import type { GroupingComponent } from './component.js';
import { eventGrouping } from './event-grouping.js';
import { frameLocationComponent } from './frame-location.js';
import { sourceLineComponent } from './frame-source-line.js';

export const groupEventV1 = eventGrouping({
  isInApp: (frame) => frame.in_app === true,
  framesOf: (exception) => exception.stacktrace?.frames ?? [],
  frameParts(frame) {
    const parts: GroupingComponent[] = [];
    const location = frameLocationComponent(frame);
    if (location !== undefined) parts.push(location);
    const name = functionComponent(frame);
    if (name !== undefined) parts.push(name);
    return parts;
  },
});

function functionComponent(frame: StackFrame): GroupingComponent | undefined {
  const name = frame.function ?? frame.symbol;
  if (name !== undefined) return groupingComponent('function', [name]);
  return sourceLineComponent(frame, 120);
}
