/**
 * Load from a separate process over keep-alive connections. Closed loop (each connection sends
 * as fast as answers come) or, with --rate, open loop at a fixed request rate. Prints one JSON
 * line: requests, accepted, errors, elapsed seconds, latency percentiles in ms.
 */
import http from 'node:http';
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
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const factory = makeEnvelopeFactory();
const idPrefix = randomBytes(8).toString('hex');
let sequence = 0;
let newIssues = 0;

function nextBody(): Buffer {
  const n = sequence++;
  const eventId = idPrefix + n.toString(16).padStart(16, '0');
  const fresh = Math.random() < newIssueRatio;
  if (fresh) newIssues++;
  return factory.body(eventId, fresh ? `loadCart_${idPrefix}_${n}` : 'loadCart');
}

const latencies: number[] = [];
let accepted = 0;
let errors = 0;

function send(): Promise<void> {
  const body = nextBody();
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        agent,
        headers: { 'content-length': body.length },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (response.statusCode === 200) accepted++;
          else errors++;
          resolve();
        });
      },
    );
    request.on('error', () => {
      errors++;
      resolve();
    });
    request.end(body);
  });
}

const start = performance.now();
const deadline = start + seconds * 1000;

async function closedLoop(): Promise<void> {
  while (performance.now() < deadline) await send();
}

async function openLoop(rate: number): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / rate;
  let due = performance.now();
  while (due < deadline) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = send().then(() => {
      inFlight.delete(request);
    });
    inFlight.add(request);
    due += intervalMs;
  }
  await Promise.all(inFlight);
}

if (values.rate !== undefined) await openLoop(Number(values.rate));
else await Promise.all(Array.from({ length: connections }, closedLoop));

const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
console.log(
  JSON.stringify({
    requests: latencies.length + 0,
    accepted,
    errors,
    newIssues,
    elapsed,
    eventBytes: factory.size,
    p50: percentile(0.5),
    p99: percentile(0.99),
  }),
);
agent.destroy();
