/** A real Faultline server in this process, on a free loopback port and a temp data dir. */
import { pino } from 'pino';
import { dsnFromString } from '@faultline/protocol';
import { startServer } from '../../src/server.js';
import type { RunningServer, ServerOptions } from '../../src/server.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from './temp-dir.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  publicKey: string;
  projectId: number;
  envelopeUrl: string;
  storeUrl: string;
  /** A second connection to the data dir, for assertions and setup. */
  store: SqliteStore;
  stop(): Promise<void>;
}

/** `dataDir`: where the data lives (default: a new temp dir), e.g. on a test's own small disk. */
export async function startTestServer(
  options: Partial<ServerOptions> & { dataDir?: string } = {},
): Promise<TestServer> {
  const temp = makeTempDir();
  const { dataDir = temp.dir, ...serverOptions } = options;
  const server = await startServer({
    store: { kind: 'sqlite', dataDir },
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: process.env['FAULTLINE_TEST_LOG'] ?? 'silent' }),
    ...serverOptions,
  });
  const dsn = dsnFromString(server.dsn);
  const store = openSqliteStore(dataDir);
  return {
    ...server,
    dataDir,
    publicKey: dsn.publicKey,
    projectId: Number(dsn.projectId),
    envelopeUrl: `${server.url}/api/${dsn.projectId}/envelope/`,
    storeUrl: `${server.url}/api/${dsn.projectId}/store/`,
    store,
    async stop() {
      await server.close();
      await store.close();
      temp.cleanup();
    },
  };
}
