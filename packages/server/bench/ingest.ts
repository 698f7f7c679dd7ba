/**
 * `npm run bench:ingest`: ingest and digest throughput of a real `faultline serve` process,
 * against a bare node:http server measured in the same run (this machine is noisy: read ratios).
 *
 *   1. bare server, closed loop            → accepted/s (the ceiling for any Node HTTP server here)
 *   2. faultline, closed loop              → accepted/s, and digested/s until the queue is empty
 *                                            and every event is queryable
 *   3. faultline at half its accept rate   → p50/p99 acknowledgement latency
 *   peak RSS of the faultline process (VmHWM)
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
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
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

// 2. Faultline at full speed.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-bench-'));
try {
  const server = await startProcess([cli, 'serve', '--data-dir', dataDir, '--port', '0']);
  const dsn = dsnFromString(/^DSN: (\S+)$/m.exec(server.output())![1]!);
  const url = `${server.url}/api/${dsn.projectId}/envelope/?sentry_key=${dsn.publicKey}&sentry_version=7`;
  const store = openSqliteStore(dataDir, { readonly: true });
  const started = performance.now();
  const full = await runLoad(url);
  let stored = await store.countEvents();
  while (stored < full.accepted) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored = await store.countEvents();
  }
  const digestedElapsed = (performance.now() - started) / 1000;
  const acceptRate = full.accepted / full.elapsed;
  const issues = (await store.listIssues({})).length;

  // 3. Latency at half capacity.
  const half = await runLoad(url, ['--rate', String(Math.round(acceptRate / 2))]);
  const rss = peakRssMb(server.child.pid!);
  await store.close();
  await stop(server.child);

  const lines = [
    `event size                 ${fmt(full.eventBytes)} bytes, ${connections} keep-alive connections, ${seconds} s per run`,
    `bare node:http accepted/s  ${fmt(bareRate)}`,
    `faultline accepted/s       ${fmt(acceptRate)}   (${(acceptRate / bareRate).toFixed(2)}x bare; target >= 0.5x)`,
    `faultline digested/s       ${fmt(stored / digestedElapsed)}   (${fmt(stored)} events, ${issues} issues, queryable after ${digestedElapsed.toFixed(1)} s; target >= 5,000)`,
    `ack latency at full load   p50 ${full.p50.toFixed(1)} ms, p99 ${full.p99.toFixed(1)} ms`,
    `ack latency at half load   p50 ${half.p50.toFixed(1)} ms, p99 ${half.p99.toFixed(1)} ms at ${fmt(half.accepted / half.elapsed)}/s (target p99 <= 20 ms)`,
    `faultline peak RSS         ${rss.toFixed(0)} MB (target <= 200 MB)`,
    `errors                     bare ${bareLoad.errors}, full ${full.errors}, half ${half.errors}`,
  ];
  console.log(lines.join('\n'));
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
