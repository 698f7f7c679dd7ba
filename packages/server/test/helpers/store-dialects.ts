/**
 * The databases the storage conformance suites run on, each test file against every dialect:
 *
 *   for (const dialect of await storeDialects())
 *     describe(`Store … (${dialect.name})`, { skip: dialect.skip }, () => { … });
 *
 * SQLite runs on temp directories, always. PostgreSQL runs on databases created for this test
 * file (through the maintenance database at FAULTLINE_TEST_POSTGRES_URL) and dropped when its
 * tests end. When that server is not reachable its suites are skipped, saying so, unless
 * FAULTLINE_REQUIRE_POSTGRES=1 (CI), where they fail instead: a suite that silently skipped its
 * second dialect would prove nothing about it.
 */
import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { displayUrl } from '../../src/store/display-url.js';
import type { StoreConfig } from '../../src/store/open-store.js';
import { makeTempDir } from './temp-dir.js';

export interface StoreDialect {
  name: 'sqlite' | 'postgres';
  /** Why this dialect's suites cannot run here; false when they can. */
  skip: string | false;
  /**
   * Concurrent claims by several stores get disjoint entries, held by a lease (PostgreSQL's
   * shared queue). SQLite has one digest worker, which re-reads from its cursor instead.
   */
  sharedQueue: boolean;
  /** This test file's database: created on first use, removed after the file's tests. */
  config(): Promise<StoreConfig>;
  /** A database nothing has opened yet, another on each call (for migration tests). */
  freshConfig(): Promise<StoreConfig>;
}

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups: Array<() => Promise<void> | void> = [];

function onFileEnd(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

function sqliteDialect(): StoreDialect {
  const fresh = async (): Promise<StoreConfig> => {
    const temp = makeTempDir('faultline-store-');
    onFileEnd(temp.cleanup);
    return { kind: 'sqlite', dataDir: temp.dir };
  };
  let shared: Promise<StoreConfig> | undefined;
  return {
    name: 'sqlite',
    skip: false,
    sharedQueue: false,
    config: () => (shared ??= fresh()),
    freshConfig: fresh,
  };
}

async function probe(maintenanceUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function onMaintenanceDb(maintenanceUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresDialect(): Promise<StoreDialect> {
  const maintenanceUrl = process.env['FAULTLINE_TEST_POSTGRES_URL'] ?? DEFAULT_POSTGRES_URL;
  const required = process.env['FAULTLINE_REQUIRE_POSTGRES'] === '1';
  const problem = await probe(maintenanceUrl);
  const unreachable =
    problem === undefined
      ? undefined
      : `PostgreSQL not reachable at ${displayUrl(maintenanceUrl)}: ${problem}`;

  const fresh = async (): Promise<StoreConfig> => {
    if (unreachable !== undefined) throw new Error(`${unreachable} (FAULTLINE_REQUIRE_POSTGRES=1)`);
    const name = `faultline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await onMaintenanceDb(maintenanceUrl, `CREATE DATABASE ${name}`);
    // FORCE: a store a failed test left open must not keep its database alive.
    onFileEnd(() =>
      onMaintenanceDb(maintenanceUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    );
    const url = new URL(maintenanceUrl);
    url.pathname = `/${name}`;
    return { kind: 'postgres', url: url.toString() };
  };
  let shared: Promise<StoreConfig> | undefined;
  return {
    name: 'postgres',
    skip: unreachable !== undefined && !required ? unreachable : false,
    sharedQueue: true,
    config: () => (shared ??= fresh()),
    freshConfig: fresh,
  };
}

let dialects: Promise<StoreDialect[]> | undefined;

/** Call at the top level of a test file: it registers the file's cleanup there. */
export function storeDialects(): Promise<StoreDialect[]> {
  if (dialects === undefined) {
    // A root-level hook: runs once every suite of the file has finished and closed its stores.
    after(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    dialects = postgresDialect().then((postgres) => [sqliteDialect(), postgres]);
  }
  return dialects;
}
