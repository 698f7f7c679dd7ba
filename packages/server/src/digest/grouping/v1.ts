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
 */
import type { ExceptionValue, SentryEvent, StackFrame } from '@faultline/protocol';
import { summarizeEvent } from '../summarize.js';
import { groupingComponent } from './component.js';
import type { GroupingComponent } from './component.js';
import { normalizeFilename } from './normalize-filename.js';
import { parametrizeMessage } from './parametrize-message.js';

const DEFAULT_PLACEHOLDER = /^\{\{\s*default\s*\}\}$/i;
/** Longer source lines are minified code: useless to tell two anonymous functions apart. */
const MAX_CONTEXT_LINE_FOR_GROUPING = 120;

export function groupEventV1(event: SentryEvent): GroupingComponent {
  const fingerprint = event.fingerprint ?? [];
  const defaults = defaultComponent(event);
  // `["{{ default }}"]` is what several SDKs send when the app set no fingerprint: the default.
  if (fingerprint.every((part) => DEFAULT_PLACEHOLDER.test(part))) return defaults;
  return groupingComponent(
    'fingerprint',
    fingerprint.map((part) =>
      DEFAULT_PLACEHOLDER.test(part)
        ? groupingComponent('default', [defaults], { hint: '{{ default }}: the built-in grouping' })
        : part,
    ),
    { hint: 'custom fingerprint set by the application' },
  );
}

function defaultComponent(event: SentryEvent): GroupingComponent {
  return exceptionsComponent(event) ?? messageComponent(event) ?? titleComponent(event);
}

function exceptionsComponent(event: SentryEvent): GroupingComponent | undefined {
  const exceptions = (event.exception?.values ?? []).map(exceptionComponent);
  const [only] = exceptions;
  const chain =
    exceptions.length === 1 && only !== undefined
      ? only
      : groupingComponent('chained-exception', exceptions, {
          hint: 'every exception of the chain, oldest first',
        });
  return chain.contributes ? chain : undefined;
}

function exceptionComponent(exception: ExceptionValue): GroupingComponent {
  const stack = stacktraceComponent(exception.stacktrace?.frames ?? []);
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

function stacktraceComponent(frames: readonly StackFrame[]): GroupingComponent {
  const inAppOnly = frames.some((frame) => frame.in_app === true);
  return groupingComponent(
    'stacktrace',
    frames.map((frame) => frameComponent(frame, inAppOnly)),
    { hint: inAppOnly ? 'in-app frames only' : 'no frame is in app: every frame counts' },
  );
}

function frameComponent(frame: StackFrame, inAppOnly: boolean): GroupingComponent {
  const parts: GroupingComponent[] = [];
  const location = locationComponent(frame);
  if (location !== undefined) parts.push(location);
  const name = functionComponent(frame);
  if (name !== undefined) parts.push(name);
  if (parts.length === 0)
    return groupingComponent('frame', [], { hint: 'ignored: no module, file or function' });
  if (inAppOnly && frame.in_app !== true)
    return groupingComponent('frame', parts, { contributes: false, hint: 'ignored: not in app' });
  return groupingComponent('frame', parts);
}

function locationComponent(frame: StackFrame): GroupingComponent | undefined {
  if (frame.module !== undefined) return groupingComponent('module', [frame.module]);
  const filename = frame.filename ?? frame.abs_path;
  if (filename !== undefined) {
    const normalized = normalizeFilename(filename);
    return groupingComponent('filename', [normalized], {
      hint: normalized === filename ? undefined : `normalized from ${filename}`,
    });
  }
  if (frame.package !== undefined)
    return groupingComponent('package', [frame.package.split(/[\\/]/).at(-1) ?? frame.package]);
  return undefined;
}

function functionComponent(frame: StackFrame): GroupingComponent | undefined {
  const name = frame.function ?? frame.symbol;
  if (name !== undefined) return groupingComponent('function', [name]);
  const line = frame.context_line?.trim().replace(/\s+/g, ' ');
  if (line === undefined || line === '' || line.length > MAX_CONTEXT_LINE_FOR_GROUPING)
    return undefined;
  return groupingComponent('context-line', [line], {
    hint: 'anonymous function: its source line tells it apart',
  });
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
