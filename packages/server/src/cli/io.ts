/** CLI plumbing: errors that become a message and an exit code, and output that survives pipes. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { displayUrl } from '../store/display-url.js';
import type { StoreConfig } from '../store/open-store.js';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Resolves once the text is handed to the OS, so piped output is complete before exit. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

export const writeOut = (text: string) => write(process.stdout, text);
export const writeErr = (text: string) => write(process.stderr, text);

/** A command's result on stdout: with --json the data as one line of JSON, else for people. */
export function writeResult(
  json: boolean | undefined,
  data: unknown,
  forPeople: () => string,
): Promise<void> {
  return writeOut(json === true ? `${JSON.stringify(data)}\n` : forPeople());
}

/** parseArgs (strict, no positionals), with its errors turned into CliErrors. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'] {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export function parsePositiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new CliError(`${flag} must be a positive whole number, got "${value}"`);
  }
  return Number(value);
}

export function parsePort(value: string | undefined): number {
  const text = value ?? process.env['FAULTLINE_PORT'] ?? '8000';
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new CliError(`--port must be a number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}

/** Where the data is: a directory (SQLite, the default) or a PostgreSQL database. */
export const storeOptions = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export function resolveDataDir(value: string | undefined): string {
  return value ?? process.env['FAULTLINE_DATA_DIR'] ?? './data';
}

/**
 * The store the command works on. `--database-url` (or FAULTLINE_DATABASE_URL) selects
 * PostgreSQL; naming both a data dir and a database on the command line is refused rather than
 * guessed. Read commands open SQLite read-only, so they work beside a running server.
 */
export function resolveStoreConfig(
  values: { 'data-dir'?: string | undefined; 'database-url'?: string | undefined },
  access: 'write' | 'read',
): StoreConfig {
  if (values['data-dir'] !== undefined && values['database-url'] !== undefined)
    throw new CliError('use --data-dir (SQLite) or --database-url (PostgreSQL), not both');
  const url = values['database-url'] ?? nonEmpty(process.env['FAULTLINE_DATABASE_URL']);
  if (url === undefined || values['data-dir'] !== undefined) {
    return {
      kind: 'sqlite',
      dataDir: resolveDataDir(values['data-dir']),
      readonly: access === 'read',
    };
  }
  if (!/^postgres(ql)?:\/\/./i.test(url) || !URL.canParse(url))
    throw new CliError(`--database-url must be a postgres:// URL, got "${displayUrl(url)}"`);
  return { kind: 'postgres', url };
}

/** For messages: where the data is, without a password. */
export function describeStore(config: StoreConfig): string {
  return config.kind === 'sqlite'
    ? `data in ${config.dataDir}`
    : `database ${displayUrl(config.url)}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function resolveHost(value: string | undefined): string {
  return value ?? process.env['FAULTLINE_HOST'] ?? '127.0.0.1';
}
