/** `faultline token create|list|revoke`: your API tokens, for scripts and CI. */
import { SCOPES } from '../accounts/tokens.js';
import type { Scope } from '../client/api-client.js';
import { connect, serverOption } from './connect.js';
import { CliError, parseOptions, parsePositiveInt, writeErr, writeOut, writeResult } from './io.js';
import { runSubcommand } from './subcommands.js';
import { formatTable } from './table.js';

export function runToken(args: string[]): Promise<void> {
  return runSubcommand('token', args, { create, list, revoke });
}

async function create(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...serverOption,
    name: { type: 'string' },
    scope: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (options.name === undefined || options.name.trim() === '') {
    throw new CliError('--name NAME is required');
  }
  const scope = SCOPES.find((candidate) => candidate === options.scope);
  if (scope === undefined) {
    throw new CliError(`--scope must be one of ${SCOPES.join(', ')}, got "${options.scope ?? ''}"`);
  }
  const created = await connect(options.url).createToken(options.name, scope satisfies Scope);
  if (options.json === true) {
    await writeOut(`${JSON.stringify(created)}\n`);
    return;
  }
  // The secret alone on stdout, so `TOKEN=$(faultline token create …)` works.
  await writeOut(`${created.token}\n`);
  await writeErr(`token ${created.id} (${created.scope}): shown this once; store it now\n`);
}

async function list(args: string[]): Promise<void> {
  const options = parseOptions(args, { ...serverOption, json: { type: 'boolean' } });
  const tokens = await connect(options.url).listTokens();
  await writeResult(options.json, tokens, () =>
    formatTable(
      ['ID', 'NAME', 'SCOPE', 'TOKEN', 'LAST USED'],
      tokens.map((token) => [token.id, token.name, token.scope, token.hint, token.lastUsedAt]),
    ),
  );
}

async function revoke(args: string[]): Promise<void> {
  const options = parseOptions(args, { ...serverOption, id: { type: 'string' } });
  const tokenId = parsePositiveInt(options.id, '--id');
  if (tokenId === undefined) throw new CliError('--id ID is required (see faultline token list)');
  await connect(options.url).revokeToken(tokenId);
  await writeErr(`token ${tokenId} revoked\n`);
}
