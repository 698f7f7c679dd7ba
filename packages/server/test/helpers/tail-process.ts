/** A running `faultline tail`, for tests that watch what it prints as events arrive. */
import { spawn } from 'node:child_process';
import { CLI_PATH } from './paths.js';

export interface TailProcess {
  /** Complete lines printed on stdout so far. */
  lines(): string[];
  /** Resolves once at least `count` lines were printed; rejects after `timeoutMs`. */
  untilLines(count: number, timeoutMs?: number): Promise<string[]>;
  /** Resolves with its exit code once it exits by itself or is stopped. */
  exited: Promise<number | null>;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  /** Stops it (SIGINT, as Ctrl-C) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Resolves once the command says it is watching, so nothing sent afterwards can be missed. */
export function spawnTail(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<TailProcess> {
  const child = spawn(process.execPath, [CLI_PATH, 'tail', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = () => stdout.split('\n').slice(0, -1);
  const tail: TailProcess = {
    lines,
    exited,
    stderr: () => stderr,
    async untilLines(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (lines().length < count) {
        if (Date.now() > deadline)
          throw new Error(`tail printed ${lines().length} of ${count} lines:\n${stdout}${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return lines();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('waiting for new events')) resolve(tail);
    });
    child.on('exit', () => reject(new Error(`tail exited before it started:\n${stderr}`)));
  });
}
