/** A `faultline serve` child process, for tests that kill or restart the server. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CLI_PATH } from './paths.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  dsn: string;
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string | null>;
}

/** `where` is a data dir (SQLite) or `{ databaseUrl }` (PostgreSQL). */
export function spawnServer(
  where: string | { databaseUrl: string },
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServerProcess> {
  const storeArgs =
    typeof where === 'string' ? ['--data-dir', where] : ['--database-url', where.databaseUrl];
  const child = spawn(
    process.execPath,
    [CLI_PATH, 'serve', ...storeArgs, '--port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (\S+)/.exec(output)?.[1];
      const dsn = /^DSN: (\S+)$/m.exec(output)?.[1];
      if (url !== undefined && dsn !== undefined) {
        clearTimeout(timer);
        resolve({ child, url, dsn, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited before it started:\n${output}`));
    });
  });
}
