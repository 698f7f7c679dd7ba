/** `faultline project list|create|keys`: projects and their DSNs through the API. */
import { connect, serverOption } from './connect.js';
import { CliError, parseOptions, parsePositiveInt, writeResult } from './io.js';
import { runSubcommand } from './subcommands.js';
import { formatTable } from './table.js';

export function runProject(args: string[]): Promise<void> {
  return runSubcommand('project', args, { list, create, keys });
}

async function list(args: string[]): Promise<void> {
  const options = parseOptions(args, { ...serverOption, json: { type: 'boolean' } });
  const projects = await connect(options.url).listProjects();
  await writeResult(options.json, projects, () =>
    formatTable(
      ['ID', 'NAME', 'RETENTION', 'CREATED'],
      projects.map((project) => [
        project.id,
        project.name,
        project.retentionDays === null ? 'default' : `${project.retentionDays} days`,
        project.createdAt,
      ]),
    ),
  );
}

async function create(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...serverOption,
    name: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (options.name === undefined || options.name.trim() === '') {
    throw new CliError('--name NAME is required');
  }
  const project = await connect(options.url).createProject(options.name);
  await writeResult(
    options.json,
    project,
    () => `created project ${project.id} "${project.name}"\nDSN: ${project.keys[0]?.dsn}\n`,
  );
}

async function keys(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...serverOption,
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  const projectId = parsePositiveInt(options.project, '--project');
  if (projectId === undefined) throw new CliError('--project ID is required');
  const projectKeys = await connect(options.url).listKeys(projectId);
  await writeResult(options.json, projectKeys, () =>
    formatTable(
      ['KEY', 'ACTIVE', 'RATE LIMIT', 'DSN'],
      projectKeys.map((key) => [
        key.publicKey,
        key.active ? 'yes' : 'no',
        key.rateLimit === null ? 'none' : `${key.rateLimit.count}/${key.rateLimit.windowSeconds}s`,
        key.dsn,
      ]),
    ),
  );
}
