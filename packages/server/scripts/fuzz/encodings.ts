/**
 * Every Content-Encoding the server says it reads, and the ways a client gets them wrong:
 * compressed streams that are corrupt or cut short, a header that names the wrong encoding or
 * none, encodings the server does not know.
 */
import zlib from 'node:zlib';
import { BYTE_MUTATIONS } from './byte-mutations.js';
import type { Random } from './random.js';

export interface Encoded {
  /** The Content-Encoding header sent, if any. */
  header: string | undefined;
  body: Buffer;
  /** What was done, for the input's list of mutations. */
  names: string[];
}

type Compress = (body: Buffer) => Buffer;

// zstd arrived in Node 22.15; encode with it where this runtime has it.
const zstdCompressSync = (zlib as unknown as { zstdCompressSync?: Compress }).zstdCompressSync;

const ENCODERS: ReadonlyArray<[string, string, Compress]> = [
  ['gzip', 'gzip', (body) => zlib.gzipSync(body)],
  ['x-gzip', 'x-gzip', (body) => zlib.gzipSync(body)],
  ['deflate-zlib', 'deflate', (body) => zlib.deflateSync(body)],
  ['deflate-raw', 'deflate', (body) => zlib.deflateRawSync(body)],
  // Brotli's default quality (11) costs ~100× gzip's time: it made generating inputs the
  // fuzzer's bottleneck. The stream's format is the same at any quality.
  [
    'br',
    'br',
    (body) =>
      zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
  ],
  ...(zstdCompressSync ? [['zstd', 'zstd', zstdCompressSync] as [string, string, Compress]] : []),
];

const UNKNOWN_ENCODINGS = ['compress', 'gzip, br', 'identity;q=0', '__proto__', 'x'.repeat(300)];

export function availableEncodings(): string[] {
  return ['identity', ...ENCODERS.map(([name]) => name)];
}

// A second gzip member of 24 MiB of spaces, 24 KB on the wire: the body inflates past every cap.
let bombMember: Buffer | undefined;

/** Compresses (or not) and, with a small chance each, gets the compression wrong. */
export function encodeBody(body: Buffer, random: Random): Encoded {
  if (random.chance(0.005)) {
    bombMember ??= zlib.gzipSync(Buffer.alloc(24 * 1024 * 1024, 0x20));
    return {
      header: 'gzip',
      body: Buffer.concat([zlib.gzipSync(body), bombMember]),
      names: ['encoding:gzip-bomb'],
    };
  }
  if (random.chance(0.4)) {
    return random.chance(0.05)
      ? { header: random.pick(UNKNOWN_ENCODINGS), body, names: ['encoding:unknown'] }
      : { header: random.pick([undefined, 'identity']), body, names: ['encoding:identity'] };
  }
  const [name, header, compress] = random.pick(ENCODERS);
  let compressed = compress(body);
  const names = [`encoding:${name}`];
  if (random.chance(0.25)) {
    const mutation = random.pick(BYTE_MUTATIONS);
    compressed = mutation.apply(compressed, random);
    names.push(`compressed:${mutation.name}`);
  }
  if (random.chance(0.05)) {
    names.push('encoding:header-dropped');
    return { header: undefined, body: compressed, names };
  }
  if (random.chance(0.05)) {
    const [other, otherHeader] = random.pick(ENCODERS);
    names.push(`encoding:header-says-${other}`);
    return { header: otherHeader, body: compressed, names };
  }
  if (random.chance(0.03)) {
    names.push('encoding:header-on-plain-body');
    return { header, body, names };
  }
  return { header, body: compressed, names };
}
