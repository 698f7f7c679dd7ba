/**
 * Checks the typed fields of parsed header lines once, so the rest of the code can trust
 * `EnvelopeHeaders` and `ItemHeaders`. `null` counts as absent, as Relay reads it (its optional
 * header fields accept `"sent_at": null`). Unknown keys are kept untouched.
 */
import type { EnvelopeHeaders, ItemHeaders } from './envelope.js';
import { describeJsonKind, EnvelopeError } from './envelope-error.js';
import type { EnvelopeErrorCode } from './envelope-error.js';

type JsonObject = Record<string, unknown>;

export function checkEnvelopeHeaders(headers: JsonObject): EnvelopeHeaders {
  // The server needs these to tell whose event it is and which: wrong types are fatal.
  requireStringOrAbsent(headers, 'event_id', 'envelope_header_invalid', 'envelope header:');
  requireStringOrAbsent(headers, 'dsn', 'envelope_header_invalid', 'envelope header:');
  // Advisory metadata: losing a crash over a malformed clock stamp or sampling context would be
  // worse than dropping the field (Relay likewise tolerates a malformed `trace`).
  dropUnlessString(headers, 'sent_at');
  dropUnlessObject(headers, 'trace');
  const sdk = dropUnlessObject(headers, 'sdk');
  if (sdk !== undefined) {
    dropUnlessString(sdk, 'name');
    dropUnlessString(sdk, 'version');
  }
  // Every typed key has been checked above.
  return headers as EnvelopeHeaders;
}

export function checkItemHeaders(headers: JsonObject, index: number): ItemHeaders {
  const what = `item ${index}:`;
  const type = headers['type'];
  if (type === undefined || type === null || type === '') {
    throw new EnvelopeError('item_type_missing', `${what} the item header has no type`);
  }
  if (typeof type !== 'string') {
    throw new EnvelopeError(
      'item_header_invalid',
      `${what} type must be a string, got ${describeJsonKind(type)}`,
    );
  }
  const length = headers['length'];
  if (length === null) {
    delete headers['length'];
  } else if (
    length !== undefined &&
    (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0)
  ) {
    throw new EnvelopeError(
      'item_length_invalid',
      `${what} length must be a whole number of bytes, got ${showJson(length)}`,
    );
  }
  requireStringOrAbsent(headers, 'filename', 'item_header_invalid', what);
  requireStringOrAbsent(headers, 'content_type', 'item_header_invalid', what);
  requireStringOrAbsent(headers, 'attachment_type', 'item_header_invalid', what);
  // `type`, `length` and the attachment fields have been checked above.
  return headers as ItemHeaders;
}

/** Short and exact: `JSON.stringify` would show an overflowing `1e400` as `null`. */
function showJson(value: unknown): string {
  return (typeof value === 'number' ? String(value) : JSON.stringify(value)).slice(0, 40);
}

function requireStringOrAbsent(
  headers: JsonObject,
  key: string,
  code: EnvelopeErrorCode,
  what: string,
): void {
  const value = headers[key];
  if (value === null) delete headers[key];
  else if (value !== undefined && typeof value !== 'string') {
    throw new EnvelopeError(
      code,
      `${what} ${key} must be a string, got ${describeJsonKind(value)}`,
    );
  }
}

function dropUnlessString(headers: JsonObject, key: string): void {
  const value = headers[key];
  if (value !== undefined && typeof value !== 'string') delete headers[key];
}

function dropUnlessObject(headers: JsonObject, key: string): JsonObject | undefined {
  const value = headers[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as JsonObject;
  }
  if (value !== undefined) delete headers[key];
  return undefined;
}
