/**
 * A cheap check of an event payload's shape at ingest, without parsing it: the first value must
 * be an object, brackets must balance, and nesting must stay under a limit (a 100,000-level
 * payload would otherwise blow the stack of anything that walks it later). Full JSON parsing
 * happens in digest, off the request path; what this lets through and JSON.parse refuses is
 * counted there as an invalid outcome.
 *
 * String contents are skipped with indexOf (native), so the loop in JS touches only structure.
 */
export type JsonShape = 'object' | 'not_object' | 'invalid' | 'too_deep';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Index of the quote that closes the string opened at `start`, or -1. */
function stringEnd(bytes: Uint8Array, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let k = quote - 1; bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

export function checkJsonShape(bytes: Uint8Array, maxDepth: number): JsonShape {
  let i = 0;
  const end = bytes.length;
  while (i < end && isWhitespace(bytes[i]!)) i++;
  if (i === end) return 'invalid';
  if (bytes[i] !== OPEN_BRACE) return 'not_object';
  let depth = 0;
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) {
      i = stringEnd(bytes, i);
      if (i < 0) return 'invalid';
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return 'too_deep';
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (--depth === 0) break;
    }
  }
  if (depth !== 0) return 'invalid';
  for (i++; i < end; i++) if (!isWhitespace(bytes[i]!)) return 'invalid';
  return 'object';
}
