import type { FirstAdmin } from '../accounts/first-admin.js';
import type { IngestLimits } from '../ingest/ingest-service.js';
import { startServer } from '../server.js';
import { PROJECT_SLUG } from '../store/project-slug.js';
import type { StoreConfig } from '../store/open-store.js';
import {
  CliError,
  describeStore,
  parseOptions,
  parsePort,
  parsePositiveInt,
  resolveHost,
  resolveStoreConfig,
  storeOptions,
  writeOut,
} from './io.js';

/** Ingest limits `serve` takes as a flag or, failing that, from the environment. */
const LIMIT_FLAGS = [
  ['max-event-bytes', 'FAULTLINE_MAX_EVENT_BYTES', 'maxEventBytes'],
  ['max-request-bytes', 'FAULTLINE_MAX_REQUEST_BYTES', 'maxRequestBytes'],
  ['max-queue-bytes', 'FAULTLINE_MAX_QUEUE_BYTES', 'maxQueueBytes'],
  ['min-free-disk-bytes', 'FAULTLINE_MIN_FREE_DISK_BYTES', 'minFreeDiskBytes'],
  ['max-inflight-body-bytes', 'FAULTLINE_MAX_INFLIGHT_BODY_BYTES', 'maxInflightBodyBytes'],
] as const satisfies ReadonlyArray<readonly [string, string, keyof IngestLimits]>;

const limitOptions = Object.fromEntries(
  LIMIT_FLAGS.map(([flag]) => [flag, { type: 'string' }]),
) as Record<(typeof LIMIT_FLAGS)[number][0], { type: 'string' }>;

export async function runServe(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...storeOptions,
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    'retention-days': { type: 'string' },
    'trust-proxy': { type: 'string' },
    org: { type: 'string' },
    ...limitOptions,
  });
  const store = resolveStoreConfig(options, 'write');
  const publicUrl = options['public-url'] ?? process.env['FAULTLINE_URL'];
  const retentionDays = parsePositiveInt(
    options['retention-days'] ?? process.env['FAULTLINE_RETENTION_DAYS'],
    '--retention-days',
  );
  // How many reverse proxies in front of the server append to X-Forwarded-For.
  const trustProxy = parsePositiveInt(
    options['trust-proxy'] ?? process.env['FAULTLINE_TRUST_PROXY'],
    '--trust-proxy',
  );
  const limits: Partial<IngestLimits> = {};
  for (const [flag, variable, limit] of LIMIT_FLAGS) {
    const value = parsePositiveInt(options[flag] ?? process.env[variable], `--${flag}`);
    if (value !== undefined) limits[limit] = value;
  }
  const organizationSlug = options.org ?? process.env['FAULTLINE_ORG'];
  if (organizationSlug !== undefined && !PROJECT_SLUG.test(organizationSlug)) {
    throw new CliError(
      `--org: ${JSON.stringify(organizationSlug)} is not a slug (lower-case letters, digits, - and _)`,
    );
  }
  const host = resolveHost(options.host);
  const server = await startServer({
    store,
    host,
    admin: {
      email: process.env['FAULTLINE_ADMIN_EMAIL'],
      password: process.env['FAULTLINE_ADMIN_PASSWORD'],
    },
    port: parsePort(options.port),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    ...(organizationSlug !== undefined ? { organizationSlug } : {}),
    limits,
  }).catch((error: unknown) => {
    throw startupError(error, store);
  });
  await writeOut(
    `Faultline listening on ${server.url} (${describeStore(store)})\n` +
      `Web UI: ${server.url}/\nDSN: ${server.dsn}\n` +
      reachability(host) +
      firstAdminNotice(server.firstAdmin),
  );

  const stop = (signal: string) => {
    void writeOut(`${signal}: finishing queued writes and stopping\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * What stops a start is usually the machine's or the database's answer (a port in use, a
 * database refusing the connection or the password): those carry a `code` and become one clear
 * line, exit 1. Anything else is a bug and keeps its stack trace.
 */
function startupError(error: unknown, store: StoreConfig): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string') return error;
  return new CliError(`cannot start (${describeStore(store)}): ${error.message}`, 1);
}

/** Beyond loopback, anyone who can reach the machine can reach the server: say so. */
function reachability(host: string): string {
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  return loopback
    ? ''
    : `Listening on ${host}: reachable from other machines (the API needs a login; ingest needs a DSN key)\n`;
}

function firstAdminNotice(admin: FirstAdmin | undefined): string {
  if (admin === undefined) return '';
  if (admin.generatedPassword === undefined) return `Created admin ${admin.email}\n`;
  return (
    `Created admin ${admin.email} with password ${admin.generatedPassword}\n` +
    "(shown only this once: change it on the web UI's Account page, or with faultline login and\n" +
    ' faultline user passwd; or set FAULTLINE_ADMIN_PASSWORD before the first start)\n'
  );
}
