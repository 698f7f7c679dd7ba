/**
 * Load from a separate process over keep-alive connections. Closed loop (each connection sends
 * as fast as answers come) or, with --rate, open loop at a fixed request rate, where latency
 * counts from when a request was due, so time spent waiting for a free connection is not hidden
 * (no coordinated omission). Prints one JSON line: requests, accepted, errors, elapsed seconds,
 * latency percentiles in ms.
 *
 * Why raw sockets and not node:http's client: it costs ≈ 100 µs of CPU per request, so on a
 * 2-core machine the generator ate most of a core and capped the bare server at ≈ 5,700
 * requests/s; writing prepared HTTP/1.1 bytes and reading only the status line and
 * Content-Length leaves the cores to the server being measured.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { makeEnvelopeFactory } from './sample-event.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string' },
    'new-issue-ratio': { type: 'string', default: '0.01' },
  },
});
const target = new URL(values.url!);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const newIssueRatio = Number(values['new-issue-ratio']);
const factory = makeEnvelopeFactory();
const idPrefix = randomBytes(8).toString('hex');
const requestHead = `POST ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n`;
let sequence = 0;
let newIssues = 0;

function nextRequest(): Buffer {
  const n = sequence++;
  const eventId = idPrefix + n.toString(16).padStart(16, '0');
  const fresh = Math.random() < newIssueRatio;
  if (fresh) newIssues++;
  const body = factory.body(eventId, fresh ? `loadCart_${idPrefix}_${n}` : 'loadCart');
  return Buffer.concat([Buffer.from(`${requestHead}Content-Length: ${body.length}\r\n\r\n`), body]);
}

const latencies: number[] = [];
let accepted = 0;
let errors = 0;

/** One keep-alive connection that sends a request and calls back with the answer's status. */
class Connection {
  readonly #socket: net.Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #onAnswer: ((status: number) => void) | undefined;

  constructor(onClose: () => void) {
    this.#socket = net.connect(Number(target.port), target.hostname);
    this.#socket.setNoDelay(true);
    this.#socket.on('data', (chunk: Buffer) => this.#read(chunk));
    this.#socket.on('error', () => this.#fail());
    this.#socket.on('close', () => {
      this.#fail();
      onClose();
    });
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve) => {
      this.#onAnswer = resolve;
      this.#socket.write(request);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #fail(): void {
    this.#answer(0);
  }

  #answer(status: number): void {
    const onAnswer = this.#onAnswer;
    this.#onAnswer = undefined;
    onAnswer?.(status);
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const headEnd = this.#buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.#buffer.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const end = headEnd + 4 + length;
    if (this.#buffer.length < end) return;
    this.#buffer = this.#buffer.subarray(end);
    this.#answer(Number(head.slice(9, 12)));
  }
}

async function timed(connection: Connection, since: bigint): Promise<void> {
  const status = await connection.send(nextRequest());
  latencies.push(Number(process.hrtime.bigint() - since) / 1e6);
  if (status === 200) accepted++;
  else errors++;
}

const start = performance.now();
const deadline = start + seconds * 1000;
const pool: Connection[] = [];
let closed = 0;
for (let i = 0; i < connections; i++) pool.push(new Connection(() => closed++));

async function closedLoop(connection: Connection): Promise<void> {
  while (performance.now() < deadline && closed === 0)
    await timed(connection, process.hrtime.bigint());
}

async function openLoop(rate: number): Promise<void> {
  const idle = [...pool];
  const waiting: Array<(connection: Connection) => void> = [];
  const release = (connection: Connection) => {
    const next = waiting.shift();
    if (next === undefined) idle.push(connection);
    else next(connection);
  };
  const acquire = () =>
    new Promise<Connection>((resolve) => {
      const connection = idle.pop();
      if (connection === undefined) waiting.push(resolve);
      else resolve(connection);
    });
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / rate;
  let due = performance.now();
  while (due < deadline && closed === 0) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const dueAt = process.hrtime.bigint();
    const request = acquire()
      .then((connection) => timed(connection, dueAt).then(() => release(connection)))
      .then(() => {
        inFlight.delete(request);
      });
    inFlight.add(request);
    due += intervalMs;
  }
  await Promise.all(inFlight);
}

if (values.rate !== undefined) await openLoop(Number(values.rate));
else await Promise.all(pool.map(closedLoop));

const elapsed = (performance.now() - start) / 1000;
for (const connection of pool) connection.close();
latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
console.log(
  JSON.stringify({
    requests: latencies.length,
    accepted,
    errors,
    newIssues,
    elapsed,
    eventBytes: factory.size,
    p50: percentile(0.5),
    p99: percentile(0.99),
  }),
);
