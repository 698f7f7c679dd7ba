/**
 * Every way an envelope body can be malformed, each with a stable code. Messages name the item
 * (counted from 0, the envelope header not counted) and the problem, because they are returned to
 * the SDK author whose client sent the body.
 */
export type EnvelopeErrorCode =
  | 'envelope_header_invalid'
  | 'item_header_invalid'
  | 'item_type_missing'
  | 'item_length_invalid'
  | 'item_length_past_end'
  /** A sized payload followed by something other than a newline: the length is wrong. */
  | 'item_payload_unterminated'
  /** More items than the reader's `maxItems`. */
  | 'too_many_items';

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
  readonly code: EnvelopeErrorCode;

  constructor(code: EnvelopeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** `null`, `an array`, `a string`…: for messages about a JSON value of the wrong kind. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const kind = typeof value;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}
