/**
 * The exception interface. Order is kept as sent: oldest → newest, the outermost error (the one a
 * middleware caught) last; a very long chain keeps its outermost exceptions. `{values: [...]}`, a bare list (sentry-go 0.11) and a single exception
 * object (raven's `sentry.interfaces.Exception` in some clients) are all accepted.
 */
import type { ExceptionValue } from '@faultline/protocol';
import { compact } from './compact.js';
import { integerOf, isRecord, lenientStringOf, stringOf } from './json-guards.js';
import { MAX_EXCEPTIONS, MAX_MESSAGE_CHARS, MAX_SYMBOL_CHARS } from './limits.js';
import { normalizeMechanism } from './mechanism.js';
import { normalizeStacktrace } from './stacktrace.js';
import { jsonTextOf } from './trim.js';

/** Relay's rule: a missing type is read from a value shaped like `TypeError: message`. */
const TYPE_IN_VALUE = /^(\w+):(.*)$/;

export function normalizeExceptions(value: unknown): { values: ExceptionValue[] } | undefined {
  const values: ExceptionValue[] = [];
  const items = exceptionItemsOf(value);
  // From the outermost (last) back, so that at most MAX_EXCEPTIONS are ever normalized.
  for (let i = items.length - 1; i >= 0 && values.length < MAX_EXCEPTIONS; i--) {
    const exception = normalizeException(items[i]);
    if (exception !== undefined) values.push(exception);
  }
  return values.length === 0 ? undefined : { values: values.reverse() };
}

function exceptionItemsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return [];
  if ('values' in value) return Array.isArray(value['values']) ? value['values'] : [];
  return [value];
}

function normalizeException(value: unknown): ExceptionValue | undefined {
  if (!isRecord(value)) return undefined;
  let type = stringOf(value['type'], MAX_SYMBOL_CHARS);
  let text = valueTextOf(value['value']);
  if (type === undefined && text !== undefined) {
    const split = TYPE_IN_VALUE.exec(text);
    if (split?.[1] !== undefined && split[2] !== undefined) {
      type = split[1];
      text = split[2].trim() || undefined;
    }
  }
  const stacktrace = normalizeStacktrace(value['stacktrace']);
  // An exception with neither a type, a message nor frames says nothing (the empty-exception
  // and invalid-interfaces samples); Relay drops it too.
  if (type === undefined && text === undefined && stacktrace === undefined) return undefined;
  return compact({
    type,
    value: text,
    module: stringOf(value['module'], MAX_SYMBOL_CHARS),
    thread_id: integerOf(value['thread_id']) ?? stringOf(value['thread_id'], MAX_SYMBOL_CHARS),
    stacktrace,
    mechanism: normalizeMechanism(value['mechanism']),
  });
}

/** Exception messages are strings, but SDKs send numbers (HTTP codes) and even objects. */
function valueTextOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null) return jsonTextOf(value, MAX_MESSAGE_CHARS);
  return lenientStringOf(value, MAX_MESSAGE_CHARS);
}
