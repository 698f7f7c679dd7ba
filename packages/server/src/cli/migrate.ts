/**
 * `faultline migrate --from sqlite:DIR --to postgres://…`: moves a single-machine install to
 * PostgreSQL (src/migrate/run-migration.ts does the copying). Progress goes to stderr, the
 * summary of counts to stdout; any count that differs is exit code 1.
 */
import path from 'node:path';
import { displayUrl } from '../store/display-url.js';
import { differingCounts, formatSummary, verifiedLine } from '../migrate/count-summary.js';
import { MigrateError } from '../migrate/migrate-error.js';
import { ProgressBar } from '../migrate/progress-bar.js';
import { CliError, parseOptions, parsePositiveInt, writeOut } from './io.js';

const DEFAULT_CHUNK_ROWS = 500;

function parseFrom(value: string | undefined): string {
  if (value === undefined) throw new CliError('--from sqlite:DIR is required (the data directory)');
  const dir = /^sqlite:(.+)$/.exec(value)?.[1];
  if (dir === undefined)
    throw new CliError(`--from must be sqlite:DIR, a Faultline data directory, got "${value}"`);
  return path.resolve(dir);
}

function parseTo(value: string | undefined): string {
  if (value === undefined) throw new CliError('--to postgres://… is required');
  if (!/^postgres(ql)?:\/\/./i.test(value) || !URL.canParse(value))
    throw new CliError(`--to must be a postgres:// URL, got "${displayUrl(value)}"`);
  return value;
}

export async function runMigrate(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    'chunk-rows': { type: 'string' },
  });
  const dataDir = parseFrom(options.from);
  const url = parseTo(options.to);
  const chunkRows = parsePositiveInt(options['chunk-rows'], '--chunk-rows') ?? DEFAULT_CHUNK_ROWS;
  // Loaded here, not at the top: it imports pg, which every other command on SQLite can skip.
  const { runMigration } = await import('../migrate/run-migration.js');
  const bar = new ProgressBar(process.stderr, process.stderr.isTTY === true);
  let counts;
  try {
    counts = await runMigration({ dataDir, url, chunkRows, bar });
  } catch (error) {
    if (error instanceof MigrateError) throw new CliError(error.message, 1);
    throw error;
  }
  await writeOut(formatSummary(counts));
  const differing = differingCounts(counts);
  if (differing.length > 0) {
    throw new CliError(
      `counts differ in ${differing.map((c) => c.table).join(', ')}: the source or the target ` +
        'changed during the migration (was a server running on either?). Stop every server, ' +
        'create a new, empty database and migrate into it',
      1,
    );
  }
  await writeOut(verifiedLine(counts));
}
