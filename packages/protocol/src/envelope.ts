/**
 * Sentry envelopes: a header line of JSON, then items, each an item-header line of JSON and a
 * payload. With `length` the payload is exactly that many bytes (it may contain newlines); without
 * it the payload runs to the next newline (@sentry/node omits `length`, the Rust SDK always sets
 * it). Works on bytes: payloads are views into the body, never copies, and only header lines are
 * decoded, because the server parses every request with this on its hot path.
 */
export interface EnvelopeHeaders {
  event_id?: string;
  dsn?: string;
  sdk?: { name?: string; version?: string };
  sent_at?: string;
  trace?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ItemHeaders {
  type: string;
  length?: number;
  filename?: string;
  content_type?: string;
  attachment_type?: string;
  [key: string]: unknown;
}

export interface EnvelopeItem {
  headers: ItemHeaders;
  payload: Uint8Array;
}

export interface Envelope {
  headers: EnvelopeHeaders;
  items: EnvelopeItem[];
}

export type EnvelopeErrorCode =
  | 'envelope_header_invalid'
  | 'item_header_invalid'
  | 'item_type_missing'
  | 'item_length_invalid'
  | 'item_length_past_end';

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The line starting at `start`: its end (exclusive) and where the next line starts. */
function lineAt(body: Uint8Array, start: number): { end: number; next: number } {
  const newline = body.indexOf(NEWLINE, start);
  return newline < 0
    ? { end: body.length, next: body.length }
    : { end: newline, next: newline + 1 };
}

function parseHeaderLine(
  body: Uint8Array,
  start: number,
  end: number,
  code: EnvelopeErrorCode,
  what: string,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(body.subarray(start, end)));
  } catch (error) {
    throw new EnvelopeError(code, `${what} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeError(code, `${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function isBlank(body: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = body[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== NEWLINE) return false;
  }
  return true;
}

export function parseEnvelope(body: Uint8Array): Envelope {
  const first = lineAt(body, 0);
  if (isBlank(body, 0, first.end)) {
    throw new EnvelopeError(
      'envelope_header_invalid',
      'the envelope header is missing (empty first line)',
    );
  }
  const headers = parseHeaderLine(
    body,
    0,
    first.end,
    'envelope_header_invalid',
    'the envelope header',
  ) as EnvelopeHeaders;
  const items: EnvelopeItem[] = [];
  let position = first.next;
  while (position < body.length) {
    const line = lineAt(body, position);
    // Tolerate blank lines between or after items (a trailing newline, or \r\n line ends).
    if (isBlank(body, position, line.end)) {
      position = line.next;
      continue;
    }
    const index = items.length;
    const itemHeaders = parseHeaderLine(
      body,
      position,
      line.end,
      'item_header_invalid',
      `item ${index}: the item header`,
    );
    const type = itemHeaders['type'];
    if (typeof type !== 'string' || type.length === 0) {
      throw new EnvelopeError('item_type_missing', `item ${index}: the item header has no type`);
    }
    const length = itemHeaders['length'];
    let payloadEnd: number;
    let next: number;
    if (length === undefined || length === null) {
      const payloadLine = lineAt(body, line.next);
      payloadEnd = payloadLine.end;
      next = payloadLine.next;
    } else {
      if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
        throw new EnvelopeError(
          'item_length_invalid',
          `item ${index}: length must be a whole number of bytes, got ${JSON.stringify(length)}`,
        );
      }
      const left = body.length - line.next;
      if (length > left) {
        throw new EnvelopeError(
          'item_length_past_end',
          `item ${index}: length ${length} runs past the end of the body (${Math.max(0, left)} bytes left)`,
        );
      }
      payloadEnd = line.next + length;
      // The newline after a sized payload is optional at the end of the body.
      next = body[payloadEnd] === NEWLINE ? payloadEnd + 1 : payloadEnd;
    }
    items.push({
      headers: itemHeaders as ItemHeaders,
      payload: body.subarray(Math.min(line.next, body.length), payloadEnd),
    });
    position = next;
  }
  return { headers, items };
}

/** Writes `length` on every item, so payloads may contain anything, newlines included. */
export function serializeEnvelope(envelope: Envelope): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode(`${JSON.stringify(envelope.headers)}\n`)];
  for (const item of envelope.items) {
    const headers = { ...item.headers, length: item.payload.byteLength };
    parts.push(encoder.encode(`${JSON.stringify(headers)}\n`), item.payload, encoder.encode('\n'));
  }
  let size = 0;
  for (const part of parts) size += part.byteLength;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
