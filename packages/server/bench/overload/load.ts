/**
 * A closed-loop overload over raw keep-alive sockets: each connection sends the bench's event as
 * soon as its last answer came, and reconnects whenever the server closes it. Unlike
 * load-generator.ts (which measures a healthy server and stops at the first closed connection),
 * this one expects refusals and closed connections, and tells apart what came back: a status
 * (with or without Retry-After), a timeout, or a reset. Raw sockets for the same reason as
 * there: node:http's client would eat the cores the server needs.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { makeEnvelopeFactory } from '../sample-event.js';
import { Tally } from './tally.js';
import type { Outcome } from './tally.js';

export interface LoadOptions {
  url: URL;
  connections: number;
  seconds: number;
  timeoutMs: number;
  /** Share of events that open a new issue (a new in-app function name). */
  newIssueRatio: number;
  /** Checked once a second: false stops the load early. */
  keepGoing: () => boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection, sending a request at a time. */
class LoadConnection {
  #socket: net.Socket | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: ((outcome: Outcome) => void) | undefined;
  readonly #url: URL;

  constructor(url: URL) {
    this.#url = url;
  }

  send(request: Buffer, timeoutMs: number): Promise<Outcome> {
    const socket = this.#socket ?? this.#connect();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#settle({ kind: 'timeout' });
        this.#drop();
      }, timeoutMs);
      this.#pending = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      socket.write(request);
    });
  }

  close(): void {
    this.#drop();
  }

  #connect(): net.Socket {
    const socket = net.connect(Number(this.#url.port), this.#url.hostname);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#buffer = Buffer.alloc(0);
      this.#settle({ kind: 'reset' });
    });
    this.#socket = socket;
    return socket;
  }

  #drop(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#buffer = Buffer.alloc(0);
    socket?.destroy();
  }

  #settle(outcome: Outcome): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.(outcome);
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const headEnd = this.#buffer.indexOf(HEADER_END);
    if (headEnd < 0) return;
    const head = this.#buffer.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const end = headEnd + HEADER_END.length + length;
    if (this.#buffer.length < end) return;
    this.#buffer = this.#buffer.subarray(end);
    const closing = /\r\nconnection: *close/i.test(head);
    this.#settle({
      kind: 'answer',
      status: Number(head.slice(9, 12)),
      retryAfter: /\r\nretry-after: *\S/i.test(head),
    });
    // The server will close it: don't send the next request into a closing socket.
    if (closing) this.#drop();
  }
}

export interface LoadResult {
  tally: Tally;
  seconds: number;
  stoppedEarly: boolean;
}

export async function runOverload(options: LoadOptions): Promise<LoadResult> {
  const factory = makeEnvelopeFactory();
  const idPrefix = randomBytes(8).toString('hex');
  const head = `POST ${options.url.pathname}${options.url.search} HTTP/1.1\r\nHost: ${options.url.host}\r\n`;
  let sequence = 0;
  const nextRequest = () => {
    const n = sequence++;
    const fresh = Math.random() < options.newIssueRatio;
    const body = factory.body(
      idPrefix + n.toString(16).padStart(16, '0'),
      fresh ? `loadCart_${idPrefix}_${n}` : 'loadCart',
    );
    return Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`), body]);
  };

  const tally = new Tally();
  const started = performance.now();
  let deadline = started + options.seconds * 1000;
  let stoppedEarly = false;
  const watch = setInterval(() => {
    if (options.keepGoing()) return;
    stoppedEarly = true;
    deadline = 0;
  }, 1000);
  const loop = async () => {
    const connection = new LoadConnection(options.url);
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      const outcome = await connection.send(nextRequest(), options.timeoutMs);
      tally.add(outcome, performance.now() - sentAt);
      // A refused or dropped connection: don't spin reconnecting.
      if (outcome.kind !== 'answer') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    connection.close();
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  clearInterval(watch);
  return { tally, seconds: (performance.now() - started) / 1000, stoppedEarly };
}
