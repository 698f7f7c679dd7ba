/**
 * The real Faultline server as a child process, and its CLI to read back what it stored.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../../server/bin/faultline.js');

export interface FaultlineServer {
  dsn: string;
  dataDir: string;
  issues(): Promise<Array<Record<string, unknown>>>;
  events(issueId: unknown): Promise<Array<Record<string, unknown>>>;
  /** Polls until `predicate` holds for the stored issues (digest is asynchronous). */
  waitForIssues(
    predicate: (issues: Array<Record<string, unknown>>) => boolean,
    timeoutMs?: number,
  ): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export async function startFaultlineServer(): Promise<FaultlineServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'faultline-node-sdk-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--data-dir', dataDir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const dsn = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('DSN: ')) resolve(line.slice(5).trim());
    });
    child.once('exit', (code) => reject(new Error(`faultline serve exited with ${code}`)));
  });
  const cli = async (...args: string[]) => {
    const { stdout } = await execFileAsync(process.execPath, [
      CLI,
      ...args,
      '--data-dir',
      dataDir,
      '--json',
    ]);
    return JSON.parse(stdout) as Array<Record<string, unknown>>;
  };
  const server: FaultlineServer = {
    dsn,
    dataDir,
    issues: () => cli('issues'),
    events: (issueId) => cli('events', '--issue', String(issueId)),
    async waitForIssues(predicate, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const issues = await server.issues();
        if (predicate(issues)) return issues;
        if (Date.now() > deadline) {
          throw new Error(`issues never matched: ${JSON.stringify(issues.map((i) => i['title']))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
