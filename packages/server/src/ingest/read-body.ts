/**
 * Reads a request body as it streams in, decompressing it, with a cap on the bytes received, a
 * cap on the bytes decompressed (a few KB of gzip can expand to gigabytes), and every byte held
 * counted against a budget shared by all requests (body-budget.ts). The reader can stop after
 * the first line, so the envelope header's key can be checked before the rest is read, and
 * while it waits it holds the request paused: nothing more is read or inflated.
 *
 * Bodies may come chunked with neither Content-Length nor Content-Type (@sentry/node does that).
 */
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { BodyBudget } from './body-budget.js';
import { ingestError, retryableIngestError } from './errors.js';
import type { IngestError } from './errors.js';

export interface BodyLimits {
  /** Bytes per request, on the wire and after decompression. */
  maxRequestBytes: number;
  /**
   * Bytes of request bodies held at once across all requests; past it ingest answers 503. The
   * process's memory can reach about twice this: a body's chunks are joined into one buffer, and
   * the garbage collector frees the chunks later. Keep it above maxRequestBytes.
   */
  maxInflightBodyBytes: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  maxRequestBytes: 20 * 1024 * 1024,
  maxInflightBodyBytes: 256 * 1024 * 1024,
};

/** Whether deflate data starts with a zlib header (its first byte's low nibble is 8), not raw. */
export function isZlibHeader(firstByte: number | undefined): boolean {
  return firstByte !== undefined && (firstByte & 0x0f) === 0x08;
}

type DecompressorFactory = (firstByte: number | undefined) => Transform;

// zstd arrived in Node 22.15; use it where this runtime has it.
const zstd = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;

const DECOMPRESSORS = new Map<string, DecompressorFactory>([
  ['gzip', () => zlib.createGunzip()],
  ['x-gzip', () => zlib.createGunzip()],
  // `deflate` means zlib-wrapped data by the HTTP spec, but some clients send raw deflate.
  ['deflate', (first) => (isZlibHeader(first) ? zlib.createInflate() : zlib.createInflateRaw())],
  ['br', () => zlib.createBrotliDecompress()],
  ...(zstd ? [['zstd', () => zstd()] as const] : []),
]);

const SUPPORTED = [...DECOMPRESSORS.keys()].join(', ');
// A decompressor's own state and window, counted against the budget while it lives.
const DECOMPRESSOR_BYTES = 256 * 1024;
const BUSY_RETRY_AFTER_SECONDS = 2;
const NEWLINE = 0x0a;

export class BodyReader {
  readonly #request: IncomingMessage;
  readonly #encoding: string | undefined;
  readonly #maxBytes: number;
  readonly #budget: BodyBudget;
  #decoder: Transform | undefined;
  #decoderFull = false;
  #paused = false;
  #chunks: Buffer[] = [];
  /** Decoded bytes kept. */
  #size = 0;
  #wireBytes = 0;
  /** Taken from the budget, given back by release(). */
  #held = 0;
  #ended = false;
  #failure: IngestError | undefined;
  #wake: (() => void) | undefined;
  /** While reading the first line: the decoded bytes allowed before a newline. */
  #line: { cap: number; tooLong: () => IngestError; seen: boolean } | undefined;

  /** Refuses at once what the headers already show is unacceptable. */
  static open(request: IncomingMessage, limits: BodyLimits, budget: BodyBudget): BodyReader {
    const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxRequestBytes) {
      throw ingestError('body_too_large', limits.maxRequestBytes);
    }
    const identity = encoding === 'identity' || encoding === '';
    if (!identity && !DECOMPRESSORS.has(encoding)) {
      throw ingestError('encoding_unsupported', encoding, SUPPORTED);
    }
    return new BodyReader(request, identity ? undefined : encoding, limits, budget);
  }

  private constructor(
    request: IncomingMessage,
    encoding: string | undefined,
    limits: BodyLimits,
    budget: BodyBudget,
  ) {
    this.#request = request;
    this.#encoding = encoding;
    this.#maxBytes = limits.maxRequestBytes;
    this.#budget = budget;
    request.on('data', this.#onWire);
    request.on('end', this.#onWireEnd);
    request.on('error', this.#onAbort);
    request.on('close', this.#onClose);
  }

  /**
   * The bytes before the first newline of the decoded body (all of it if there is none), then
   * holds the rest unread until readAll(). More than `cap` bytes without a newline: `tooLong`.
   */
  async readLine(cap: number, tooLong: () => IngestError): Promise<Buffer> {
    this.#line = { cap, tooLong, seen: this.#chunks.some((chunk) => chunk.includes(NEWLINE)) };
    await this.#until(() => this.#line!.seen || this.#ended);
    this.#pause();
    this.#line = undefined;
    const body = this.#joined();
    const newline = body.indexOf(NEWLINE);
    // The last chunk read may have run past the cap before its newline.
    if ((newline < 0 ? body.length : newline) > cap) {
      const error = tooLong();
      this.#fail(error);
      throw error;
    }
    return newline < 0 ? body : body.subarray(0, newline);
  }

  async readAll(): Promise<Buffer> {
    this.#resume();
    await this.#until(() => this.#ended);
    return this.#joined();
  }

  /**
   * Stops reading, leaving any rest of the body to the caller (to discard), and gives the held
   * bytes back to the budget; the body must not be used after.
   */
  release(): void {
    this.#request.off('data', this.#onWire);
    if (!this.#ended) this.#decoder?.destroy();
    this.#budget.give(this.#held);
    this.#held = 0;
    this.#chunks = [];
  }

  #until(done: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.#failure !== undefined) reject(this.#failure);
        else if (done()) resolve();
        else return;
        this.#wake = undefined;
      };
      this.#wake = check;
      check();
    });
  }

  readonly #onWire = (chunk: Buffer): void => {
    this.#wireBytes += chunk.length;
    const line = this.#line;
    if (this.#wireBytes > this.#maxBytes) {
      this.#fail(ingestError('body_too_large', this.#maxBytes));
    } else if (line !== undefined && !line.seen && this.#wireBytes > 2 * line.cap) {
      // Compressed data that inflates to almost nothing (empty blocks) is no first line either.
      this.#fail(line.tooLong());
    } else if (this.#encoding === undefined) {
      this.#take(chunk);
    } else {
      const decoder = this.#decoderFor(chunk[0]);
      // Backpressure: the decoder's output is paused or not yet read.
      if (this.#failure === undefined && !decoder.write(chunk)) {
        this.#decoderFull = true;
        this.#request.pause();
      }
    }
  };

  readonly #onWireEnd = (): void => {
    if (this.#failure !== undefined) return;
    if (this.#encoding === undefined) this.#finish();
    else {
      // An empty compressed body goes through the decoder too: it says what is wrong with it.
      const decoder = this.#decoderFor(undefined);
      if (this.#failure === undefined) decoder.end();
    }
  };

  readonly #onAbort = (): void => {
    this.#fail(ingestError('request_aborted'));
  };

  readonly #onClose = (): void => {
    if (!this.#ended && !this.#request.complete) this.#onAbort();
  };

  #decoderFor(firstByte: number | undefined): Transform {
    if (this.#decoder !== undefined) return this.#decoder;
    const encoding = this.#encoding!;
    const decoder = DECOMPRESSORS.get(encoding)!(firstByte);
    this.#decoder = decoder;
    if (!this.#hold(DECOMPRESSOR_BYTES)) this.#fail(this.#busy());
    decoder.on('data', (chunk: Buffer) => this.#take(chunk));
    decoder.on('end', () => this.#finish());
    decoder.on('drain', () => {
      this.#decoderFull = false;
      if (!this.#paused && this.#failure === undefined) this.#request.resume();
    });
    // Any decoder error is the body's fault, whatever its code: brotli's have no `Z_` prefix.
    decoder.on('error', (error: Error) =>
      this.#fail(ingestError('compression_invalid', encoding, error.message)),
    );
    return decoder;
  }

  #take(chunk: Buffer): void {
    if (this.#failure !== undefined) return;
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      this.#fail(
        this.#encoding === undefined
          ? ingestError('body_too_large', this.#maxBytes)
          : ingestError('decompressed_too_large', this.#maxBytes),
      );
      return;
    }
    if (!this.#hold(chunk.length)) {
      this.#fail(this.#busy());
      return;
    }
    this.#chunks.push(chunk);
    const line = this.#line;
    if (line !== undefined && !line.seen) {
      line.seen = chunk.includes(NEWLINE);
      if (!line.seen && this.#size > line.cap) {
        this.#fail(line.tooLong());
        return;
      }
    }
    this.#wake?.();
  }

  #hold(bytes: number): boolean {
    if (!this.#budget.tryTake(bytes)) return false;
    this.#held += bytes;
    return true;
  }

  #busy(): IngestError {
    return retryableIngestError('ingest_busy', BUSY_RETRY_AFTER_SECONDS, undefined);
  }

  #finish(): void {
    if (this.#failure !== undefined) return;
    this.#ended = true;
    this.#wake?.();
  }

  /** Stops reading for good: the request is left paused, for the answer to decide its rest. */
  #fail(error: IngestError): void {
    if (this.#failure !== undefined || this.#ended) return;
    this.#failure = error;
    this.#request.pause();
    this.release();
    this.#wake?.();
  }

  #pause(): void {
    this.#paused = true;
    this.#request.pause();
    this.#decoder?.pause();
  }

  #resume(): void {
    if (!this.#paused || this.#failure !== undefined) return;
    this.#paused = false;
    this.#decoder?.resume();
    if (!this.#decoderFull) this.#request.resume();
  }

  #joined(): Buffer {
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const body = Buffer.concat(this.#chunks, this.#size);
    this.#chunks = [body];
    return body;
  }
}
