/**
 * Validates an event payload's JSON at ingest, so a 200 is only ever said to a payload digest
 * can parse: the grammar of RFC 8259, exactly what JSON.parse accepts (lone surrogate escapes
 * included), checked over the bytes without building a single string or value. The first value
 * must be an object, and nesting must stay under a limit (a 100,000-level payload would blow the
 * stack of anything that walks it later).
 *
 * A state machine with an explicit stack of open containers, not a recursive descent: its depth
 * is the limit's, and a hostile payload costs one pass over its bytes. Bytes of 0x80 and up are
 * passed over as string content; the caller checks UTF-8 (natively) first.
 */
export type JsonShape = 'object' | 'not_object' | 'invalid' | 'too_deep';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const LOWER_U = 0x75;

/** What the parser expects next. */
const VALUE = 0;
const KEY = 1;
const AFTER_VALUE = 2;

/** The kind of each open container, by depth. */
const IN_OBJECT = 1;
const IN_ARRAY = 2;

function byteTable(matches: (byte: number) => boolean): Uint8Array {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = matches(byte) ? 1 : 0;
  return table;
}

const WHITESPACE = byteTable((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09);
// Everything a string may hold unescaped: no control characters, no quote, no backslash.
const PLAIN_STRING_BYTE = byteTable((b) => b >= 0x20 && b !== QUOTE && b !== BACKSLASH);
const HEX_DIGIT = byteTable(
  (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66),
);
// The characters after a backslash that need nothing more (`u` needs four hex digits).
const SHORT_ESCAPE = byteTable((b) => '"\\/bfnrt'.includes(String.fromCharCode(b)));
const LITERALS = [
  Uint8Array.from(Buffer.from('true')),
  Uint8Array.from(Buffer.from('false')),
  Uint8Array.from(Buffer.from('null')),
];

// Reused across calls (ingest validates one payload at a time on one thread); grown on demand.
let containers = new Uint8Array(512);

function skipWhitespace(bytes: Uint8Array, at: number): number {
  const end = bytes.length;
  while (at < end && WHITESPACE[bytes[at]!] === 1) at++;
  return at;
}

/** The index after the string whose opening quote is at `at`, or -1. */
function skipString(bytes: Uint8Array, at: number): number {
  const end = bytes.length;
  at++;
  for (;;) {
    // Four bytes a step while they are all plain (most string content), then one by one.
    while (
      at + 3 < end &&
      (PLAIN_STRING_BYTE[bytes[at]!]! &
        PLAIN_STRING_BYTE[bytes[at + 1]!]! &
        PLAIN_STRING_BYTE[bytes[at + 2]!]! &
        PLAIN_STRING_BYTE[bytes[at + 3]!]!) ===
        1
    )
      at += 4;
    while (at < end && PLAIN_STRING_BYTE[bytes[at]!] === 1) at++;
    if (at >= end) return -1;
    const byte = bytes[at]!;
    if (byte === QUOTE) return at + 1;
    if (byte !== BACKSLASH) return -1; // a raw control character
    const escaped = bytes[at + 1];
    if (escaped === undefined) return -1;
    if (SHORT_ESCAPE[escaped] === 1) {
      at += 2;
    } else if (escaped === LOWER_U) {
      if (at + 5 >= end) return -1;
      for (let k = at + 2; k < at + 6; k++) if (HEX_DIGIT[bytes[k]!] !== 1) return -1;
      at += 6;
    } else {
      return -1;
    }
  }
}

function skipDigits(bytes: Uint8Array, at: number): number {
  const end = bytes.length;
  while (at < end && bytes[at]! >= ZERO && bytes[at]! <= NINE) at++;
  return at;
}

/** The index after the number starting at `at`, or -1: `-`? (0 | [1-9][0-9]*) frac? exp?. */
function skipNumber(bytes: Uint8Array, at: number): number {
  if (bytes[at] === MINUS) at++;
  const first = bytes[at];
  if (first === ZERO) at++;
  else if (first !== undefined && first > ZERO && first <= NINE) at = skipDigits(bytes, at + 1);
  else return -1;
  if (bytes[at] === DOT) {
    const digitsEnd = skipDigits(bytes, at + 1);
    if (digitsEnd === at + 1) return -1;
    at = digitsEnd;
  }
  if (bytes[at] === LOWER_E || bytes[at] === UPPER_E) {
    at++;
    if (bytes[at] === PLUS || bytes[at] === MINUS) at++;
    const digitsEnd = skipDigits(bytes, at);
    if (digitsEnd === at) return -1;
    at = digitsEnd;
  }
  return at;
}

/** The index after `true`, `false` or `null` at `at`, or -1. */
function skipLiteral(bytes: Uint8Array, at: number): number {
  for (const literal of LITERALS) {
    if (bytes[at] !== literal[0]) continue;
    for (let k = 1; k < literal.length; k++) if (bytes[at + k] !== literal[k]) return -1;
    return at + literal.length;
  }
  return -1;
}

/** The top-level object closed just before `at`: only whitespace may follow. */
function endsAfter(bytes: Uint8Array, at: number): JsonShape {
  return skipWhitespace(bytes, at) === bytes.length ? 'object' : 'invalid';
}

export function checkJsonShape(bytes: Uint8Array, maxDepth: number): JsonShape {
  const end = bytes.length;
  let at = skipWhitespace(bytes, 0);
  if (at === end) return 'invalid';
  if (bytes[at] !== OPEN_BRACE) return 'not_object';
  if (containers.length <= maxDepth) containers = new Uint8Array(maxDepth + 1);
  let depth = 0;
  let expect = VALUE;
  for (;;) {
    at = skipWhitespace(bytes, at);
    if (at === end) return 'invalid';
    const byte = bytes[at]!;
    if (expect === VALUE) {
      if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (++depth > maxDepth) return 'too_deep';
        containers[depth] = byte === OPEN_BRACE ? IN_OBJECT : IN_ARRAY;
        at = skipWhitespace(bytes, at + 1);
        // An empty container closes at once; otherwise a key or a value comes first.
        if (bytes[at] === (byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
          if (--depth === 0) return endsAfter(bytes, at + 1);
          at++;
          expect = AFTER_VALUE;
        } else {
          expect = byte === OPEN_BRACE ? KEY : VALUE;
        }
        continue;
      }
      if (byte === QUOTE) at = skipString(bytes, at);
      else if (byte === MINUS || (byte >= ZERO && byte <= NINE)) at = skipNumber(bytes, at);
      else at = skipLiteral(bytes, at);
      if (at < 0) return 'invalid';
      expect = AFTER_VALUE;
    } else if (expect === KEY) {
      if (byte !== QUOTE) return 'invalid';
      at = skipString(bytes, at);
      if (at < 0) return 'invalid';
      at = skipWhitespace(bytes, at);
      if (bytes[at] !== COLON) return 'invalid';
      at++;
      expect = VALUE;
    } else {
      const container = containers[depth];
      if (byte === COMMA) {
        expect = container === IN_OBJECT ? KEY : VALUE;
      } else if (
        (byte === CLOSE_BRACE && container === IN_OBJECT) ||
        (byte === CLOSE_BRACKET && container === IN_ARRAY)
      ) {
        if (--depth === 0) return endsAfter(bytes, at + 1);
      } else {
        return 'invalid';
      }
      at++;
    }
  }
}
