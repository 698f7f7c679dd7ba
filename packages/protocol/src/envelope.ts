/**
 * Sentry envelopes: a header line of JSON, then items, each an item-header line of JSON and a
 * payload:
 *
 *     {"event_id":"…","sent_at":"…"}\n
 *     {"type":"event"}\n                      ← @sentry/node: no length, payload is one line
 *     {"exception":{…}}\n
 *     {"type":"attachment","length":9}\n      ← the Rust SDK: always a length
 *     a\nb\0c\n…\n
 *
 * The server parses every request with this on its hot path, so it works on bytes: it finds
 * lines with `indexOf(0x0a)`, decodes only header lines, and hands out payloads as views into the
 * body, never copies. Unknown item types are kept; skipping them is the server's decision.
 */
import { checkEnvelopeHeaders, checkItemHeaders } from './envelope-headers.js';
import { describeJsonKind, EnvelopeError } from './envelope-error.js';
import type { EnvelopeErrorCode } from './envelope-error.js';

export { EnvelopeError } from './envelope-error.js';
export type { EnvelopeErrorCode } from './envelope-error.js';

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
  /** A view into the parsed body: copy it before keeping it longer than the body. */
  payload: Uint8Array;
}

export interface Envelope {
  headers: EnvelopeHeaders;
  items: EnvelopeItem[];
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

export interface ParseEnvelopeOptions {
  /**
   * Refuse (`too_many_items`) the envelope at its item `maxItems + 1`, before reading further: a
   * body of 300,000 tiny items must cost the parser no more than its first few hundred.
   */
  maxItems?: number;
}

/** Throws EnvelopeError. A header alone (`{}`, with or without a newline) is a valid envelope. */
export function parseEnvelope(body: Uint8Array, options: ParseEnvelopeOptions = {}): Envelope {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (body.length === 0) {
    throw new EnvelopeError(
      'envelope_header_invalid',
      'the body is empty: an envelope starts with a header line, at least {}',
    );
  }
  const headerEnd = lineEnd(body, 0);
  const headers = checkEnvelopeHeaders(
    readJsonObject(body, 0, headerEnd, 'envelope_header_invalid', 'the envelope header'),
  );
  const items: EnvelopeItem[] = [];
  let position = headerEnd + 1;
  while (position < body.length) {
    const end = lineEnd(body, position);
    // Blank lines before an item header are skipped, as Relay's JSON reader skips whitespace
    // there: senders that end the body with "\n\n" or "\r\n" are not turned away for it.
    if (isBlank(body, position, end)) {
      position = end + 1;
      continue;
    }
    const index = items.length;
    if (index >= maxItems) {
      throw new EnvelopeError(
        'too_many_items',
        `more than ${maxItems} items in one envelope (item ${index} and on)`,
      );
    }
    const itemHeaders = checkItemHeaders(
      readJsonObject(body, position, end, 'item_header_invalid', `item ${index}: the item header`),
      index,
    );
    // An item header on the last line, without a newline, has an empty payload (as in Relay).
    const payloadStart = Math.min(end + 1, body.length);
    let payloadEnd: number;
    if (itemHeaders.length === undefined) {
      // @sentry/node writes no length: the payload is the rest of the line ("\r" included).
      payloadEnd = lineEnd(body, payloadStart);
    } else {
      payloadEnd = payloadStart + itemHeaders.length;
      checkSizedPayloadEnd(body, payloadStart, payloadEnd, index);
    }
    items.push({ headers: itemHeaders, payload: body.subarray(payloadStart, payloadEnd) });
    position = payloadEnd + 1;
  }
  return { headers, items };
}

/** The index of the newline ending the line that starts at `start`, or the body's length. */
function lineEnd(body: Uint8Array, start: number): number {
  const newline = body.indexOf(NEWLINE, start);
  return newline < 0 ? body.length : newline;
}

function isBlank(body: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = body[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

function checkSizedPayloadEnd(body: Uint8Array, start: number, end: number, index: number): void {
  if (end > body.length) {
    throw new EnvelopeError(
      'item_length_past_end',
      `item ${index}: length ${end - start} runs past the end of the body (${body.length - start} bytes left)`,
    );
  }
  // The newline after a sized payload is optional only at the very end of the body.
  if (end < body.length && body[end] !== NEWLINE) {
    throw new EnvelopeError(
      'item_payload_unterminated',
      `item ${index}: the ${end - start}-byte payload is followed by byte 0x${body[end]!.toString(16).padStart(2, '0')}, not a newline (is the length wrong?)`,
    );
  }
}

function readJsonObject(
  body: Uint8Array,
  start: number,
  end: number,
  code: EnvelopeErrorCode,
  what: string,
): Record<string, unknown> {
  let text: string;
  try {
    text = decoder.decode(body.subarray(start, end));
  } catch {
    throw new EnvelopeError(code, `${what} is not valid UTF-8`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') throw new EnvelopeError(code, `${what} is an empty line`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new EnvelopeError(code, `${what} is not valid JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EnvelopeError(code, `${what} must be a JSON object, got ${describeJsonKind(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Writes `length` on every item (overwriting any stale one), so payloads may hold any bytes,
 * newlines included, and ends with a newline after the last payload.
 */
export function serializeEnvelope(envelope: Envelope): Uint8Array {
  const lines = [encoder.encode(`${JSON.stringify(envelope.headers)}\n`)];
  let size = lines[0]!.byteLength;
  for (const item of envelope.items) {
    const headers = { ...item.headers, length: item.payload.byteLength };
    const line = encoder.encode(`${JSON.stringify(headers)}\n`);
    lines.push(line);
    size += line.byteLength + item.payload.byteLength + 1;
  }
  const out = new Uint8Array(size);
  out.set(lines[0]!, 0);
  let offset = lines[0]!.byteLength;
  envelope.items.forEach((item, i) => {
    const line = lines[i + 1]!;
    out.set(line, offset);
    offset += line.byteLength;
    out.set(item.payload, offset);
    offset += item.payload.byteLength;
    out[offset++] = NEWLINE;
  });
  return out;
}
