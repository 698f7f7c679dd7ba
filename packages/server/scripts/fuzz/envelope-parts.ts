/**
 * The fuzzer's own reading and writing of Sentry envelopes, kept apart from the server's parser
 * on purpose: the oracle that decides "this request carried an event" must not share the bugs of
 * the code it judges. Follows the envelope spec: a header line, then items, each a header line
 * and a payload of `length` bytes (or, without a length, the rest of the line); blank lines
 * between items are skipped, as Relay does.
 */
export type JsonObject = Record<string, unknown>;

export interface ItemParts {
  headers: JsonObject;
  payload: Buffer;
}

export interface EnvelopeParts {
  /** `undefined`: the header line was dropped (the first item header is read as the header). */
  headers: JsonObject | undefined;
  items: ItemParts[];
}

const NEWLINE = 0x0a;

/** The parts of a well-formed envelope, or `undefined` for anything that is not one. */
export function readEnvelopeParts(body: Buffer): EnvelopeParts | undefined {
  const headerEnd = lineEnd(body, 0);
  const headers = jsonObjectAt(body, 0, headerEnd);
  if (headers === undefined) return undefined;
  const items: ItemParts[] = [];
  let position = headerEnd + 1;
  while (position < body.length) {
    const end = lineEnd(body, position);
    if (body.subarray(position, end).toString('latin1').trim() === '') {
      position = end + 1;
      continue;
    }
    const itemHeaders = jsonObjectAt(body, position, end);
    if (itemHeaders === undefined || typeof itemHeaders['type'] !== 'string') return undefined;
    const payloadStart = Math.min(end + 1, body.length);
    const length = itemHeaders['length'];
    let payloadEnd: number;
    // `"length": null` reads as no length (Relay's item header has it as an Option).
    if (length === undefined || length === null) {
      payloadEnd = lineEnd(body, payloadStart);
    } else {
      if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0)
        return undefined;
      payloadEnd = payloadStart + length;
      if (payloadEnd > body.length) return undefined;
      if (payloadEnd < body.length && body[payloadEnd] !== NEWLINE) return undefined;
    }
    items.push({ headers: itemHeaders, payload: body.subarray(payloadStart, payloadEnd) });
    position = payloadEnd + 1;
  }
  return { headers, items };
}

/** Writes item headers as they are, `length` included: a corrupted length stays corrupted. */
export function writeEnvelopeParts(parts: EnvelopeParts): Buffer {
  const chunks: Buffer[] = [];
  if (parts.headers !== undefined) chunks.push(Buffer.from(`${JSON.stringify(parts.headers)}\n`));
  for (const item of parts.items) {
    chunks.push(Buffer.from(`${JSON.stringify(item.headers)}\n`), item.payload, Buffer.from('\n'));
  }
  return Buffer.concat(chunks);
}

/** A JSON object parsed from bytes, or `undefined` when they are not one. */
export function parseJsonObject(bytes: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

function jsonObjectAt(body: Buffer, start: number, end: number): JsonObject | undefined {
  return parseJsonObject(body.subarray(start, end));
}

function lineEnd(body: Buffer, start: number): number {
  const newline = body.indexOf(NEWLINE, start);
  return newline < 0 ? body.length : newline;
}
