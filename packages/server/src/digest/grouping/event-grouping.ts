/**
 * The rules every grouping version so far shares, in order: the event's own fingerprint, then its
 * exception chain, then its message, then its title (see v1.ts for why). What differs between
 * versions is how one stack frame is identified and which frames are the application's own:
 * each version passes its `FrameRules`.
 *
 * Grouping versions v1 and v2 depend on this output: a version that needs a change here gets its
 * own copy of the part it changes.
 */
import type { ExceptionValue, SentryEvent, StackFrame } from '@faultline/protocol';
import { summarizeEvent } from '../summarize.js';
import { groupingComponent } from './component.js';
import type { GroupingComponent } from './component.js';
import { parametrizeMessage } from './parametrize-message.js';

export interface FrameRules {
  /** Whether a frame is the application's own code (when any is, only those count). */
  isInApp(frame: StackFrame): boolean;
  /** What identifies the frame (where it is, which code there); empty when nothing does. */
  frameParts(frame: StackFrame): GroupingComponent[];
  /** The frames of an exception's stack, oldest first. */
  framesOf(exception: ExceptionValue, event: SentryEvent): readonly StackFrame[];
}

const DEFAULT_PLACEHOLDER = /^\{\{\s*default\s*\}\}$/i;

export function eventGrouping(rules: FrameRules): (event: SentryEvent) => GroupingComponent {
  return function groupEvent(event) {
    const fingerprint = event.fingerprint ?? [];
    const defaults = defaultComponent(event, rules);
    // `["{{ default }}"]` is what several SDKs send when the app set no fingerprint: the default.
    if (fingerprint.every((part) => DEFAULT_PLACEHOLDER.test(part))) return defaults;
    return groupingComponent(
      'fingerprint',
      fingerprint.map((part) =>
        DEFAULT_PLACEHOLDER.test(part)
          ? groupingComponent('default', [defaults], {
              hint: '{{ default }}: the built-in grouping',
            })
          : part,
      ),
      { hint: 'custom fingerprint set by the application' },
    );
  };
}

function defaultComponent(event: SentryEvent, rules: FrameRules): GroupingComponent {
  return exceptionsComponent(event, rules) ?? messageComponent(event) ?? titleComponent(event);
}

function exceptionsComponent(event: SentryEvent, rules: FrameRules): GroupingComponent | undefined {
  const exceptions = (event.exception?.values ?? []).map((exception) =>
    exceptionComponent(exception, rules.framesOf(exception, event), rules),
  );
  const [only] = exceptions;
  const chain =
    exceptions.length === 1 && only !== undefined
      ? only
      : groupingComponent('chained-exception', exceptions, {
          hint: 'every exception of the chain, oldest first',
        });
  return chain.contributes ? chain : undefined;
}

function exceptionComponent(
  exception: ExceptionValue,
  frames: readonly StackFrame[],
  rules: FrameRules,
): GroupingComponent {
  const stack = stacktraceComponent(frames, rules);
  const synthetic = exception.mechanism?.synthetic === true;
  const type = groupingComponent('type', exception.type === undefined ? [] : [exception.type], {
    contributes: exception.type !== undefined && !synthetic,
    hint: synthetic ? 'ignored: the SDK made up this type (synthetic mechanism)' : undefined,
  });
  // The value stands in when nothing else identifies the exception: no usable frames, or no
  // meaningful type (@sentry/node's captureMessage sends a typeless exception with the message).
  const valueCounts = !stack.contributes || !type.contributes;
  const value = groupingComponent(
    'value',
    exception.value === undefined ? [] : [parametrizeMessage(exception.value)],
    {
      contributes: valueCounts && exception.value !== undefined,
      hint: valueCounts
        ? 'parametrized: numbers, ids, addresses and dates replaced'
        : 'ignored: the type and stack trace identify the exception',
    },
  );
  return groupingComponent('exception', [type, stack, value]);
}

function stacktraceComponent(frames: readonly StackFrame[], rules: FrameRules): GroupingComponent {
  const inAppOnly = frames.some((frame) => rules.isInApp(frame));
  return groupingComponent(
    'stacktrace',
    frames.map((frame) => frameComponent(frame, inAppOnly, rules)),
    { hint: inAppOnly ? 'in-app frames only' : 'no frame is in app: every frame counts' },
  );
}

function frameComponent(
  frame: StackFrame,
  inAppOnly: boolean,
  rules: FrameRules,
): GroupingComponent {
  const parts = rules.frameParts(frame);
  if (parts.length === 0)
    return groupingComponent('frame', [], { hint: 'ignored: no module, file or function' });
  if (inAppOnly && !rules.isInApp(frame))
    return groupingComponent('frame', parts, { contributes: false, hint: 'ignored: not in app' });
  return groupingComponent('frame', parts);
}

function messageComponent(event: SentryEvent): GroupingComponent | undefined {
  const message = event.logentry?.message ?? event.logentry?.formatted;
  if (message === undefined) return undefined;
  return groupingComponent('message', [parametrizeMessage(message)], {
    hint:
      event.logentry?.message === undefined
        ? 'parametrized: numbers, ids, addresses and dates replaced'
        : 'the log template, parametrized',
  });
}

function titleComponent(event: SentryEvent): GroupingComponent {
  return groupingComponent('title', [summarizeEvent(event).title], {
    hint: 'no exception, message or fingerprint to group by',
  });
}
