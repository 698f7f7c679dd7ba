/**
 * `faultline login`, `logout` and `whoami`. Login trades the password for an API token made for
 * this machine (the password itself is never stored) and ends the session it used to do so.
 */
import { hostname } from 'node:os';
import { ApiClientError, FaultlineClient } from '../client/api-client.js';
import { connect, environmentUrl, savedUrl, serverOption, serverUrl } from './connect.js';
import { forgetLogin, readSavedLogin, saveLogin } from './credentials.js';
import type { SavedLogin } from './credentials.js';
import { CliError, parseOptions, writeErr, writeResult } from './io.js';
import { readSecret } from './read-secret.js';

export async function runLogin(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...serverOption,
    email: { type: 'string' },
    'token-stdin': { type: 'boolean' },
  });
  const previous = readSavedLogin();
  const given = options.url ?? environmentUrl() ?? previous?.url;
  if (given === undefined) throw new CliError('--url URL is required: the Faultline server');
  const url = serverUrl(given);
  if (options['token-stdin'] === true) {
    if (options.email !== undefined) throw new CliError('use --email or --token-stdin, not both');
    const token = await readSecret('API token: ');
    const { user } = await new FaultlineClient(url, { token }).session();
    await writeErr(`logged in to ${url} as ${user.email}; saved in ${saveLogin({ url, token })}\n`);
    return;
  }
  if (options.email === undefined) {
    throw new CliError('--email EMAIL is required (or --token-stdin to save an API token)');
  }
  const password = await readSecret(`password for ${options.email}: `);
  const session = await new FaultlineClient(url).login(options.email, password);
  const asSession = new FaultlineClient(url, {
    cookie: session.cookie,
    csrfToken: session.csrfToken,
  });
  const created = await asSession.createToken(`faultline CLI on ${hostname()}`, 'admin');
  // Logging in again replaces this machine's token: the old one must not live on unseen.
  if (previous?.tokenId !== undefined && savedUrl(previous) === url) {
    await revokeQuietly(previous);
  }
  await asSession.logout();
  const path = saveLogin({ url, token: created.token, tokenId: created.id, email: options.email });
  await writeErr(`logged in to ${url} as ${session.user.email}; token saved in ${path}\n`);
}

export async function runLogout(args: string[]): Promise<void> {
  parseOptions(args, {});
  const saved = readSavedLogin();
  if (saved === undefined) {
    await writeErr('not logged in\n');
    return;
  }
  await revokeQuietly(saved);
  forgetLogin();
  await writeErr(`logged out of ${saved.url}\n`);
}

/** Already revoked (401/404) is what is wanted anyway; anything else is worth saying. */
async function revokeQuietly(saved: SavedLogin): Promise<void> {
  if (saved.tokenId === undefined) return;
  try {
    await new FaultlineClient(saved.url, { token: saved.token }).revokeToken(saved.tokenId);
  } catch (error) {
    if (!(error instanceof ApiClientError) || ![401, 404].includes(error.status)) {
      await writeErr(
        `could not revoke the old token on ${saved.url}: ${(error as Error).message}\n`,
      );
    }
  }
}

export async function runWhoami(args: string[]): Promise<void> {
  const options = parseOptions(args, { ...serverOption, json: { type: 'boolean' } });
  const client = connect(options.url);
  const session = await client.session();
  const { user, scope } = session;
  await writeResult(
    options.json,
    { url: client.baseUrl, ...session },
    () => `${user.email} (${user.role}) on ${client.baseUrl}, token scope ${scope}\n`,
  );
}
