/** `faultline user list|create|passwd`: managing people through the API (admins only). */
import type { UserJson } from '../client/api-client.js';
import { connect, serverOption } from './connect.js';
import { CliError, parseOptions, parsePositiveInt, writeErr, writeResult } from './io.js';
import { readNewPassword, readSecret } from './read-secret.js';
import { runSubcommand } from './subcommands.js';
import { formatTable } from './table.js';

const ROLES = ['admin', 'member'] as const;

export function runUser(args: string[]): Promise<void> {
  return runSubcommand('user', args, { list, create, passwd });
}

async function list(args: string[]): Promise<void> {
  const options = parseOptions(args, { ...serverOption, json: { type: 'boolean' } });
  const users = await connect(options.url).listUsers();
  await writeResult(options.json, users, () =>
    formatTable(
      ['ID', 'EMAIL', 'ROLE', 'NAME', 'PROJECTS'],
      users.map((user) => [user.id, user.email, user.role, user.name, projectsOf(user)]),
    ),
  );
}

async function create(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...serverOption,
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    project: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  if (options.email === undefined) throw new CliError('--email EMAIL is required');
  const role = parseRole(options.role);
  const projects = (options.project ?? []).map((value) => parsePositiveInt(value, '--project')!);
  if (role === 'admin' && projects.length > 0) {
    throw new CliError('--project is for members: admins see every project');
  }
  const client = connect(options.url);
  const password = await readNewPassword(`password for ${options.email}: `);
  const user = await client.createUser({
    email: options.email,
    password,
    role,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(projects.length === 0 ? {} : { projects }),
  });
  await writeResult(
    options.json,
    user,
    () => `created ${user.role} ${user.email} (user ${user.id})\n`,
  );
}

/** Without --email, your own password (the current one first); with it, an admin's reset. */
async function passwd(args: string[]): Promise<void> {
  const options = parseOptions(args, { ...serverOption, email: { type: 'string' } });
  const client = connect(options.url);
  if (options.email === undefined) {
    const current = await readSecret('current password: ');
    await client.changeOwnPassword(current, await readNewPassword('new password: '));
    await writeErr(
      'password changed; your browser sessions have ended and your other API tokens are revoked\n',
    );
    return;
  }
  const email = options.email.toLowerCase();
  const user = (await client.listUsers()).find((candidate) => candidate.email === email);
  if (user === undefined) throw new CliError(`no user with email ${options.email}`, 1);
  const changed = await client.updateUser(user.id, {
    password: await readNewPassword(`new password for ${user.email}: `),
  });
  await writeErr(
    `password of ${user.email} changed; ${changed.sessionsEnded ?? 0} session(s) ended and ` +
      `${changed.tokensRevoked ?? 0} API token(s) revoked\n`,
  );
}

function parseRole(value: string | undefined): (typeof ROLES)[number] {
  if (value === undefined) throw new CliError('--role admin|member is required');
  const role = ROLES.find((candidate) => candidate === value);
  if (role === undefined) throw new CliError(`--role must be admin or member, got "${value}"`);
  return role;
}

function projectsOf(user: UserJson): string {
  return user.projects === null ? 'all' : user.projects.join(',') || 'none';
}
