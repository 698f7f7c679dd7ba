/**
 * `npm run bench:ingest`: ingest and digest throughput of a real `faultline serve` process,
 * against a bare node:http server measured in the same run (this machine is noisy: read ratios).
 *
 *   1. bare server, closed loop            → accepted/s (the ceiling for any Node HTTP server here)
 *   2. faultline, closed loop              → accepted/s, and digested/s until the queue is empty
 *                                            and every event is queryable
 *   3. faultline at half its accept rate   → p50/p99 acknowledgement latency
 *   peak RSS of the faultline process (VmHWM)
 *   with --database-url: the same on PostgreSQL, then two nodes on one database, each loaded
 *                                            with half the connections
 *
 * Load comes from a separate process (load-generator.ts) sharing the machine's cores.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dsnFromString } from '@faultline/protocol';
import pg from 'pg';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    /** A PostgreSQL server the bench may create (and drop) a database on. */
    'database-url': { type: 'string' },
  },
});
const seconds = values.seconds!;
const connections = values.connections!;
const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../../bin/faultline.js');

interface LoadResult {
  requests: number;
  accepted: number;
  errors: number;
  newIssues: number;
  elapsed: number;
  eventBytes: number;
  p50: number;
  p99: number;
}

function startProcess(
  args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (\S+)/.exec(output)?.[1];
      if (url !== undefined && (!args.includes('serve') || /^DSN: /m.test(output))) {
        resolve({ child, url, output: () => output });
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`process exited (${code}) before listening:\n${output}`)),
    );
  });
}

function runLoad(url: string, extra: string[] = []): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [
      path.join(here, 'load-generator.js'),
      '--url',
      url,
      '--seconds',
      seconds,
      '--connections',
      connections,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(output) as LoadResult)
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// 1. The baseline.
const bare = await startProcess([path.join(here, 'bare-server.js')]);
const bareLoad = await runLoad(`${bare.url}/api/1/envelope/`);
await stop(bare.child);
const bareRate = bareLoad.accepted / bareLoad.elapsed;

/** Where one run's data lives: a fresh SQLite data dir, or a fresh PostgreSQL database. */
interface Backend {
  serveArgs: string[];
  /** A store on the same data, for counting what digest made queryable. */
  open(): Promise<Store>;
  remove(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-bench-'));
  return {
    serveArgs: ['--data-dir', dataDir],
    open: () => openStore({ kind: 'sqlite', dataDir, readonly: true }),
    remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A database made for the run on the server `serverUrl` names, dropped after it. */
async function postgresBackend(serverUrl: string): Promise<Backend> {
  const name = `faultline_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    serveArgs: ['--database-url', url.toString()],
    open: () => openStore({ kind: 'postgres', url: url.toString() }),
    remove: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

interface NodesRun {
  acceptRate: number;
  digestRate: number;
  stored: number;
  issues: number;
  digestedAfter: number;
  full: LoadResult[];
  half?: LoadResult;
  rssMb: number;
}

/**
 * Starts `nodeCount` servers on one backend, loads them all at once (the connections split
 * between them), and waits until every accepted event is queryable. With one node, also
 * measures latency at half the accepted rate.
 */
async function runNodes(backend: Backend, nodeCount: number): Promise<NodesRun> {
  const nodes = [];
  for (let n = 0; n < nodeCount; n++)
    nodes.push(await startProcess([cli, 'serve', ...backend.serveArgs, '--port', '0']));
  try {
    const urls = nodes.map((node) => {
      const dsn = dsnFromString(/^DSN: (\S+)$/m.exec(node.output())![1]!);
      return `${node.url}/api/${dsn.projectId}/envelope/?sentry_key=${dsn.publicKey}&sentry_version=7`;
    });
    const store = await backend.open();
    try {
      const share = String(Math.max(1, Math.round(Number(connections) / nodeCount)));
      const started = performance.now();
      const full = await Promise.all(urls.map((url) => runLoad(url, ['--connections', share])));
      const accepted = full.reduce((sum, load) => sum + load.accepted, 0);
      let stored = await store.countEvents();
      while (stored < accepted) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        stored = await store.countEvents();
      }
      const digestedAfter = (performance.now() - started) / 1000;
      const elapsed = Math.max(...full.map((load) => load.elapsed));
      const acceptRate = accepted / elapsed;
      const run: NodesRun = {
        acceptRate,
        digestRate: stored / digestedAfter,
        stored,
        issues: (await store.listIssues({})).length,
        digestedAfter,
        full,
        rssMb: Math.max(...nodes.map((node) => peakRssMb(node.child.pid!))),
      };
      if (nodeCount === 1)
        run.half = await runLoad(urls[0]!, ['--rate', String(Math.round(acceptRate / 2))]);
      run.rssMb = Math.max(...nodes.map((node) => peakRssMb(node.child.pid!)));
      return run;
    } finally {
      await store.close();
    }
  } finally {
    for (const node of nodes) await stop(node.child);
  }
}

async function withBackend<T>(
  backend: Backend,
  work: (backend: Backend) => Promise<T>,
): Promise<T> {
  try {
    return await work(backend);
  } finally {
    await backend.remove();
  }
}

// 2–3. Faultline at full speed, then at half its accept rate; on PostgreSQL also two nodes.
const databaseUrl = values['database-url'];
const newBackend = () =>
  databaseUrl === undefined ? Promise.resolve(sqliteBackend()) : postgresBackend(databaseUrl);
const one = await withBackend(await newBackend(), (backend) => runNodes(backend, 1));
const two =
  databaseUrl === undefined
    ? undefined
    : await withBackend(await newBackend(), (backend) => runNodes(backend, 2));

const full = one.full[0]!;
const half = one.half!;
const errors = (run: NodesRun) => run.full.reduce((sum, load) => sum + load.errors, 0);
const lines = [
  `event size                 ${fmt(full.eventBytes)} bytes, ${connections} keep-alive connections, ${seconds} s per run, ${databaseUrl === undefined ? 'SQLite' : 'PostgreSQL'}`,
  `bare node:http accepted/s  ${fmt(bareRate)}`,
  `faultline accepted/s       ${fmt(one.acceptRate)}   (${(one.acceptRate / bareRate).toFixed(2)}x bare; target >= 0.5x)`,
  `faultline digested/s       ${fmt(one.digestRate)}   (${fmt(one.stored)} events, ${one.issues} issues, queryable after ${one.digestedAfter.toFixed(1)} s; target >= 5,000)`,
  `ack latency at full load   p50 ${full.p50.toFixed(1)} ms, p99 ${full.p99.toFixed(1)} ms`,
  `ack latency at half load   p50 ${half.p50.toFixed(1)} ms, p99 ${half.p99.toFixed(1)} ms at ${fmt(half.accepted / half.elapsed)}/s (target p99 <= 20 ms)`,
  `faultline peak RSS         ${one.rssMb.toFixed(0)} MB (target <= 200 MB)`,
  `errors                     bare ${bareLoad.errors}, full ${errors(one)}, half ${half.errors}`,
];
if (two !== undefined)
  lines.push(
    `two nodes accepted/s       ${fmt(two.acceptRate)}   (${(two.acceptRate / one.acceptRate).toFixed(2)}x one node)`,
    `two nodes digested/s       ${fmt(two.digestRate)}   (${(two.digestRate / one.digestRate).toFixed(2)}x one node; ${fmt(two.stored)} events, ${two.issues} issues, errors ${errors(two)})`,
  );
console.log(lines.join('\n'));
