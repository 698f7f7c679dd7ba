/**
 * Digest step: the title and culprit an issue list shows, computed the way Sentry does so that
 * people moving from sentry.io read the same thing.
 * - title: `Type: value` of the outermost exception (the last, or the one with exception_id 0),
 *   else the message, else a security report's title, else `<unlabeled event>`;
 * - culprit: where it happened, the newest in-app frame of the outermost exception as
 *   `module in function` (else its newest frame; else the crashed thread's, or the current
 *   thread's, which is where normalize puts a lone top-level stack trace; else the transaction).
 */
import type { ExceptionValue, SentryEvent, StackFrame } from '@faultline/protocol';
import { truncate } from './normalize/json-guards.js';
import { securityReportTitle } from './summarize/security-report-title.js';

export interface EventSummary {
  title: string;
  culprit: string;
  /** The outermost exception's type and value, for exception events. */
  type?: string;
  value?: string;
}

const MAX_TITLE_CHARS = 200;
const MAX_CULPRIT_CHARS = 200;
const MAX_SUMMARY_VALUE_CHARS = 1024;
const UNLABELED = '<unlabeled event>';

export function summarizeEvent(event: SentryEvent): EventSummary {
  const outermost = outermostException(event);
  const title = exceptionTitle(outermost) ?? messageTitle(event) ?? securityReportTitle(event);
  const summary: EventSummary = {
    title: truncate(title ?? UNLABELED, MAX_TITLE_CHARS),
    culprit: truncate(culpritOf(event, outermost), MAX_CULPRIT_CHARS),
  };
  if (outermost?.type !== undefined) summary.type = truncate(outermost.type, MAX_TITLE_CHARS);
  if (outermost?.value !== undefined)
    summary.value = truncate(outermost.value, MAX_SUMMARY_VALUE_CHARS);
  return summary;
}

/**
 * The error the app saw last, which the protocol puts last. In an exception group the root also
 * has `exception_id` 0, which is preferred in case an SDK ordered the group differently.
 */
function outermostException(event: SentryEvent): ExceptionValue | undefined {
  const values = event.exception?.values ?? [];
  return values.find((value) => value.mechanism?.exception_id === 0) ?? values.at(-1);
}

function exceptionTitle(exception: ExceptionValue | undefined): string | undefined {
  const type = exception?.type;
  const value = firstLineOf(exception?.value);
  if (type !== undefined && value !== undefined) return `${type}: ${value}`;
  return type ?? value;
}

function messageTitle(event: SentryEvent): string | undefined {
  return firstLineOf(event.logentry?.formatted ?? event.logentry?.message);
}

function firstLineOf(text: string | undefined): string | undefined {
  const line = text
    ?.split(/\r?\n/)
    .find((candidate) => candidate.trim() !== '')
    ?.trim();
  return line === '' ? undefined : line;
}

function culpritOf(event: SentryEvent, outermost: ExceptionValue | undefined): string {
  const frames =
    outermost?.stacktrace?.frames ??
    event.threads?.values.find((thread) => thread.crashed === true)?.stacktrace?.frames ??
    event.threads?.values.find((thread) => thread.current === true)?.stacktrace?.frames ??
    [];
  const frame = frames.findLast((candidate) => candidate.in_app === true) ?? frames.at(-1);
  const culprit = frame === undefined ? '' : frameCulprit(frame);
  return culprit !== '' ? culprit : (event.transaction ?? '');
}

/** Sentry's wording: `app.checkout in loadCart`; a native frame has only its function. */
function frameCulprit(frame: StackFrame): string {
  const location = frame.module ?? frame.filename;
  const name = frame.function ?? frame.symbol;
  if (location === undefined) return name ?? '';
  return `${location} in ${name ?? '?'}`;
}
