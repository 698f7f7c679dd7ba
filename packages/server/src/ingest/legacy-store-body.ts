/**
 * The raven-era encoding of a /store/ body: base64 of zlib-deflated JSON, sent as
 * `application/octet-stream` with no Content-Encoding, by raven-node 2.x (npm `raven`),
 * sentry-raven (Ruby, its default), raven-go (events over 1,000 bytes) and raven-python. Sentry
 * accepts it, so these clients lose every event where it is refused (sentry-raven even stops
 * sending after its first 400).
 *
 * Bounded like any other decompression: the inflated bytes stop one past the event limit.
 */
import zlib from 'node:zlib';
import { ingestError } from './errors.js';
import { isZlibHeader } from './read-body.js';

const OPEN_BRACE = 0x7b;
// Base64 (standard or URL-safe alphabet), padding, and the line breaks some encoders insert.
const BASE64_BYTE = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=\r\n ') {
  BASE64_BYTE[char.charCodeAt(0)] = 1;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isBase64(body: Uint8Array): boolean {
  for (let i = 0; i < body.length; i++) if (BASE64_BYTE[body[i]!] !== 1) return false;
  return true;
}

/**
 * The event JSON of a /store/ body: the body itself when it is JSON (its first byte after
 * whitespace is `{`) or not base64 at all (the JSON checks then say what is wrong with it),
 * else the inflated legacy payload.
 */
export function storeBodyJson(body: Buffer, maxEventBytes: number): Buffer {
  let start = 0;
  while (start < body.length && isWhitespace(body[start]!)) start++;
  if (start === body.length || body[start] === OPEN_BRACE || !isBase64(body)) return body;

  const compressed = Buffer.from(body.toString('latin1'), 'base64');
  // Some encoders send raw deflate instead of zlib's.
  const isZlib = isZlibHeader(compressed[0]);
  const options = { maxOutputLength: maxEventBytes + 1 };
  let json: Buffer;
  try {
    json = isZlib
      ? zlib.inflateSync(compressed, options)
      : zlib.inflateRawSync(compressed, options);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw ingestError('decompressed_too_large', maxEventBytes);
    }
    throw ingestError('legacy_body_invalid');
  }
  if (json.length > maxEventBytes) throw ingestError('decompressed_too_large', maxEventBytes);
  return json;
}
