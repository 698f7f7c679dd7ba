/**
 * A PostgreSQL server of the test's own (initdb in a temp dir, on a free loopback port), for
 * tests that stop and restart the database: the machine's shared server must not go down under
 * other suites. It runs as the `postgres` system user, as PostgreSQL refuses to run as root.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const SYSTEM_USER = 'postgres';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** Why this machine cannot run a private server, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'starting a private PostgreSQL needs root (runuser)';
  if (binDir() === undefined) return 'no PostgreSQL server binaries under /usr/lib/postgresql';
  return undefined;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
  const latest = versions.at(-1);
  return latest === undefined ? undefined : path.join(root, latest, 'bin');
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function asPostgres(command: string, args: string[]) {
  return execFileAsync('runuser', ['-u', SYSTEM_USER, '--', command, ...args], {
    timeout: 60_000,
  });
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-pg-'));
  const dataDir = path.join(dir, 'data');
  fs.chmodSync(dir, 0o755);
  await execFileAsync('chown', [SYSTEM_USER, dir]);
  await asPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres']);
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=on`;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await asPostgres(pgCtl, [
        '-D',
        dataDir,
        '-o',
        options,
        '-l',
        path.join(dir, 'log'),
        '-w',
        'start',
      ]);
    },
    stop: async () => {
      await asPostgres(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
    remove: async () => {
      await asPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
