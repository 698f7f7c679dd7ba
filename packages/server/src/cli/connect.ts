/**
 * Which server an API command talks to and as whom: `--url`, else FAULTLINE_URL, else the saved
 * login's; the token from FAULTLINE_TOKEN, else the saved login's — but a saved token is only
 * ever sent to the server it was issued by.
 */
import { FaultlineClient } from '../client/api-client.js';
import { readSavedLogin } from './credentials.js';
import { CliError } from './io.js';

export const serverOption = { url: { type: 'string' } } as const;

export function serverUrl(value: string): string {
  if (!/^https?:\/\/./i.test(value) || !URL.canParse(value))
    throw new CliError(`--url must be an http:// or https:// URL, got "${value}"`);
  return new URL(value).origin + new URL(value).pathname.replace(/\/+$/, '');
}

export function connect(urlFlag: string | undefined): FaultlineClient {
  const saved = readSavedLogin();
  const given = urlFlag ?? nonEmpty(process.env['FAULTLINE_URL']) ?? saved?.url;
  if (given === undefined) {
    throw new CliError(
      'which server? run `faultline login --url URL --email EMAIL` first, or set FAULTLINE_URL and FAULTLINE_TOKEN',
      1,
    );
  }
  const url = serverUrl(given);
  const savedToken = saved !== undefined && serverUrl(saved.url) === url ? saved.token : undefined;
  const token = nonEmpty(process.env['FAULTLINE_TOKEN']) ?? savedToken;
  if (token === undefined) {
    throw new CliError(
      `not logged in to ${url}: run \`faultline login --url ${url} --email EMAIL\`, or set FAULTLINE_TOKEN`,
      1,
    );
  }
  return new FaultlineClient(url, { token });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
