/**
 * Which server an API command talks to and as whom: `--url`, else FAULTLINE_URL, else the saved
 * login's; the token from FAULTLINE_TOKEN, else the saved login's — but a saved token is only
 * ever sent to the server it was issued by.
 */
import { FaultlineClient } from '../client/api-client.js';
import { credentialsPath, readSavedLogin } from './credentials.js';
import type { SavedLogin } from './credentials.js';
import { CliError } from './io.js';

export const serverOption = { url: { type: 'string' } } as const;

export function serverUrl(value: string): string {
  if (!/^https?:\/\/./i.test(value) || !URL.canParse(value))
    throw new CliError(`--url must be an http:// or https:// URL, got "${value}"`);
  return new URL(value).origin + new URL(value).pathname.replace(/\/+$/, '');
}

export function connect(urlFlag: string | undefined): FaultlineClient {
  const urlGiven = urlFlag ?? environmentUrl();
  const tokenGiven = nonEmpty(process.env['FAULTLINE_TOKEN']);
  // Read only when something is missing: a broken file must not stop a script that passes both.
  const saved = urlGiven !== undefined && tokenGiven !== undefined ? undefined : readSavedLogin();
  let url: string;
  if (urlGiven !== undefined) url = serverUrl(urlGiven);
  else if (saved !== undefined) url = savedUrl(saved);
  else {
    throw new CliError(
      'which server? run `faultline login --url URL --email EMAIL` first, or set FAULTLINE_URL and FAULTLINE_TOKEN',
      1,
    );
  }
  const savedToken = saved !== undefined && savedUrl(saved) === url ? saved.token : undefined;
  const token = tokenGiven ?? savedToken;
  if (token === undefined) {
    throw new CliError(
      `not logged in to ${url}: run \`faultline login --url ${url} --email EMAIL\`, or set FAULTLINE_TOKEN`,
      1,
    );
  }
  return new FaultlineClient(url, { token });
}

/** FAULTLINE_URL, an empty value counting as unset. */
export function environmentUrl(): string | undefined {
  return nonEmpty(process.env['FAULTLINE_URL']);
}

/** The saved login's server, checked: the file may have been edited by hand. */
export function savedUrl(saved: SavedLogin): string {
  try {
    return serverUrl(saved.url);
  } catch {
    throw new CliError(`${credentialsPath()} names no valid server: run faultline login again`, 1);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
