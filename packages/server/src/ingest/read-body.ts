/**
 * Reads a request body, decompressing it, with a cap on the bytes received and a cap on the
 * bytes decompressed: a few KB of gzip can expand to gigabytes, so the decompressed size is
 * counted as it streams and the request is cut off at the limit, never buffered whole.
 *
 * Bodies may come chunked with neither Content-Length nor Content-Type (@sentry/node does that).
 */
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { ingestError } from './errors.js';

export interface BodyLimits {
  /** Bytes on the wire and after decompression. */
  maxBytes: number;
}

type DecompressorFactory = () => Transform;

// zstd arrived in Node 22.15; use it where this runtime has it.
const zstd = (zlib as unknown as { createZstdDecompress?: DecompressorFactory })
  .createZstdDecompress;

const DECOMPRESSORS: Record<string, DecompressorFactory> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  br: () => zlib.createBrotliDecompress(),
  ...(zstd ? { zstd } : {}),
};

const SUPPORTED = [...Object.keys(DECOMPRESSORS), 'deflate'].join(', ');

/** Reads the raw bytes, refusing more than `limit`. */
function collect(
  stream: NodeJS.ReadableStream,
  limit: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/**
 * `deflate` means zlib-wrapped data by the HTTP spec, but some clients send raw deflate; the
 * first byte tells them apart (a zlib header's low nibble is 8).
 */
async function inflateEither(compressed: Buffer, limits: BodyLimits): Promise<Buffer> {
  const isZlib = compressed.length > 0 && (compressed[0]! & 0x0f) === 0x08;
  const inflater = isZlib ? zlib.createInflate() : zlib.createInflateRaw();
  return decompress(compressed, inflater, 'deflate', limits);
}

function decompress(
  compressed: Buffer,
  decompressor: Transform,
  encoding: string,
  limits: BodyLimits,
): Promise<Buffer> {
  const result = collect(decompressor, limits.maxBytes, () => {
    decompressor.destroy();
    return ingestError('decompressed_too_large', limits.maxBytes);
  }).catch((error: unknown) => {
    if (
      error instanceof Error &&
      'code' in error &&
      typeof error.code === 'string' &&
      error.code.startsWith('Z_')
    ) {
      throw ingestError('compression_invalid', encoding, error.message);
    }
    throw error;
  });
  decompressor.end(compressed);
  return result;
}

export async function readBody(request: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw ingestError('body_too_large', limits.maxBytes);
  }
  if (
    encoding !== 'identity' &&
    encoding !== '' &&
    encoding !== 'deflate' &&
    !(encoding in DECOMPRESSORS)
  ) {
    throw ingestError('encoding_unsupported', encoding, SUPPORTED);
  }
  const raw = await collect(request, limits.maxBytes, () =>
    ingestError('body_too_large', limits.maxBytes),
  );
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding === 'deflate') return inflateEither(raw, limits);
  return decompress(raw, DECOMPRESSORS[encoding]!(), encoding, limits);
}
