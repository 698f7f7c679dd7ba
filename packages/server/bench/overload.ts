/**
 * `npm run bench:overload`: more load than the server can digest — 256 keep-alive connections
 * sending the bench's ≈14 KB event as fast as answers come, for 60 s (--connections,
 * --seconds; --quick: 10 s) — against a `faultline serve` child process on a temp SQLite dir,
 * on 127.0.0.1 only. Measured from outside: the child's RSS (/proc) and its data dir's disk use.
 *
 * Prints accepted/s, answers by status (200, 429, 503, others), timeouts and resets, p50/p99
 * latency, peak RSS and disk growth, and a verdict: an overloaded server should push back with
 * 429/503 and Retry-After before memory or disk run out, and never leave a client without an
 * answer (timeout, reset) or fail with another 5xx. Exits 1 when it did, or when RSS or the data
 * dir's growth passed its limit (--rss-limit-mb, --disk-limit-mb) before the first 429/503.
 *
 * For the shared machine's sake the load stops early when the disk's free space falls below
 * --min-free-gb.
 */
import { parseArgs } from 'node:util';
import { dsnFromString } from '@faultline/protocol';
import { spawnServer } from '../test/helpers/server-process.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { probeAfterLoad } from './overload/after-load.js';
import { runOverload } from './overload/load.js';
import { formatOverload, verdictOf } from './overload/print-overload.js';
import { freeDiskGb, startSampling } from './overload/samplers.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '256' },
    seconds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    /** How long a request may go unanswered before it counts as a timeout. */
    'timeout-ms': { type: 'string', default: '10000' },
    'new-issue-ratio': { type: 'string', default: '0.01' },
    'rss-limit-mb': { type: 'string', default: '1024' },
    'disk-limit-mb': { type: 'string', default: '2048' },
    'min-free-gb': { type: 'string', default: '10' },
  },
});
const limits = { rssMb: Number(values['rss-limit-mb']), diskMb: Number(values['disk-limit-mb']) };
const connections = Number(values.connections);
const SHUTDOWN_GRACE_MS = 30_000;
const seconds = Number(values.seconds ?? (values.quick ? 10 : 60));

const data = makeTempDir('faultline-overload-');
const server = await spawnServer(data.dir);
try {
  const dsn = dsnFromString(server.dsn);
  const url = new URL(
    `/api/${dsn.projectId}/envelope/?sentry_version=7&sentry_key=${dsn.publicKey}`,
    server.url,
  );
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to load ${url.host}: loopback only`);
  const sampling = startSampling(server.child.pid!, data.dir, 250, limits);
  const load = await runOverload({
    url,
    connections,
    seconds,
    timeoutMs: Number(values['timeout-ms']),
    newIssueRatio: Number(values['new-issue-ratio']),
    keepGoing: () => freeDiskGb(data.dir) >= Number(values['min-free-gb']),
  });
  const samples = sampling.stop();
  const alive = server.child.exitCode === null && server.child.signalCode === null;
  const after = await probeAfterLoad(server.url);
  const run = { connections, ...load, samples, alive, after };
  console.log(formatOverload(run));
  if (load.stoppedEarly)
    console.log(`stopped early: less than ${values['min-free-gb']} GB free on the data dir's disk`);
  const verdict = verdictOf(run, limits);
  console.log(verdict.line);
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  const stopping = performance.now();
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), SHUTDOWN_GRACE_MS);
  const exit = await server.exited;
  clearTimeout(timer);
  console.log(
    `shutdown             SIGTERM → exit (${exit}) in ${((performance.now() - stopping) / 1000).toFixed(1)} s${exit === 'SIGKILL' ? ` (killed after ${SHUTDOWN_GRACE_MS / 1000} s)` : ''}`,
  );
  data.cleanup();
}
