/**
 * The log message of an event. SDKs send it as `logentry: {message, formatted, params}` (modern),
 * `sentry.interfaces.Message` (raven), or a top-level `message` that is either a string or that
 * same object. The normalized event keeps only `logentry`, the way Relay does:
 * - `formatted` is what people read; when missing it is the template with its params filled in,
 *   or, for raven, the top-level `message` string sent beside a `sentry.interfaces.Message` template;
 * - `message` (the template, which grouping prefers) is kept only when it differs from `formatted`.
 */
import type { LogEntry } from '@faultline/protocol';
import { compact } from './compact.js';
import { isRecord, stringOf } from './json-guards.js';
import { formatMessage } from './format-message.js';
import { MAX_DATABAG_DEPTH, MAX_MESSAGE_CHARS, MAX_SMALL_BAG_BYTES } from './limits.js';
import { trimDatabag } from './trim.js';

/** `candidates` in priority order: `logentry`, `sentry.interfaces.Message`, `message`. */
export function normalizeLogEntry(candidates: readonly unknown[]): LogEntry | undefined {
  const structured = candidates.find(isRecord);
  const plain = candidates.find((candidate) => typeof candidate === 'string');
  let template = stringOf(structured?.['message'], Number.MAX_SAFE_INTEGER);
  let formatted = stringOf(structured?.['formatted'], Number.MAX_SAFE_INTEGER);
  const params = paramsOf(structured?.['params']);
  if (formatted === undefined && typeof plain === 'string' && plain !== '') formatted = plain;
  if (formatted === undefined && template !== undefined && params !== undefined)
    formatted = formatMessage(template, params, MAX_MESSAGE_CHARS);
  if (formatted === undefined || formatted === template) {
    formatted ??= template;
    template = undefined;
  }
  if (formatted === undefined) return undefined;
  return compact({
    message: template === undefined ? undefined : stringOf(template, MAX_MESSAGE_CHARS),
    formatted: stringOf(formatted, MAX_MESSAGE_CHARS),
    params: template === undefined ? undefined : params,
  });
}

function paramsOf(value: unknown): unknown[] | Record<string, unknown> | undefined {
  if (!Array.isArray(value) && !isRecord(value)) return undefined;
  if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return undefined;
  const trimmed = trimDatabag(value, {
    maxDepth: MAX_DATABAG_DEPTH,
    maxBytes: MAX_SMALL_BAG_BYTES,
  });
  return Array.isArray(trimmed) || isRecord(trimmed) ? trimmed : undefined;
}
