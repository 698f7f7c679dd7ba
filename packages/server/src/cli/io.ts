/** CLI plumbing: errors that become a message and an exit code, and output that survives pipes. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

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

export const dataDirOption = { 'data-dir': { type: 'string' } } as const;

export function resolveDataDir(value: string | undefined): string {
  return value ?? process.env['FAULTLINE_DATA_DIR'] ?? './data';
}

export function resolveHost(value: string | undefined): string {
  return value ?? process.env['FAULTLINE_HOST'] ?? '127.0.0.1';
}
