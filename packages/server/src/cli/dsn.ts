import { baseUrlFor, dsnFor } from '../server-urls.js';
import {
  CliError,
  parseOptions,
  parsePort,
  parsePositiveInt,
  resolveHost,
  resolveStoreConfig,
  storeOptions,
  writeOut,
} from './io.js';
import { openForCommand } from './open-data.js';

export async function runDsn(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...storeOptions,
    project: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'public-url': { type: 'string' },
  });
  const store = await openForCommand(resolveStoreConfig(options, 'write'));
  try {
    // Same as `serve` on an empty data dir: there is always a project 1 to send to.
    await store.ensureDefaultProject();
    const projectId = parsePositiveInt(options.project, '--project') ?? 1;
    if ((await store.getProject(projectId)) === undefined) {
      throw new CliError(`project ${projectId} does not exist`, 1);
    }
    const key = (await store.listKeys(projectId)).find((k) => k.active);
    if (key === undefined) throw new CliError(`project ${projectId} has no active key`, 1);
    const host = resolveHost(options.host);
    const base =
      options['public-url'] ??
      process.env['FAULTLINE_URL'] ??
      baseUrlFor(host, parsePort(options.port));
    await writeOut(`${dsnFor(base, key.publicKey, projectId)}\n`);
  } finally {
    await store.close();
  }
}
