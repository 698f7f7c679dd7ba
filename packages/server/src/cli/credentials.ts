/**
 * Where `faultline login` keeps the server URL and API token for later commands:
 * `$XDG_CONFIG_HOME/faultline/credentials.json` (else `~/.config/…`), readable by its owner
 * only. FAULTLINE_URL and FAULTLINE_TOKEN override it, for scripts and CI.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './io.js';

export interface SavedLogin {
  url: string;
  token: string;
  /** To revoke the token at `faultline logout`. */
  tokenId?: number;
  email?: string;
}

export function credentialsPath(): string {
  const configHome = process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(configHome, 'faultline', 'credentials.json');
}

export function readSavedLogin(): SavedLogin | undefined {
  const path = credentialsPath();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, 1);
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = undefined;
  }
  const login = saved as Partial<SavedLogin> | undefined;
  if (typeof login?.url !== 'string' || typeof login.token !== 'string') {
    throw new CliError(`${path} is not a saved login: run \`faultline login\` again`, 1);
  }
  return {
    url: login.url,
    token: login.token,
    ...(typeof login.tokenId === 'number' ? { tokenId: login.tokenId } : {}),
    ...(typeof login.email === 'string' ? { email: login.email } : {}),
  };
}

/** Written to a temporary file then renamed, so a crash never leaves half a token behind. */
export function saveLogin(login: SavedLogin): string {
  const path = credentialsPath();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  // A fresh file or none: `mode` applies only to a file this call creates, and writing would
  // follow a symlink someone left at this path (a config directory others may write to).
  rmSync(temporary, { force: true });
  writeFileSync(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
  return path;
}

export function forgetLogin(): void {
  rmSync(credentialsPath(), { force: true });
}
