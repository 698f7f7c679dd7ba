import { startServer } from '../server.js';
import {
  dataDirOption,
  parseOptions,
  parsePort,
  parsePositiveInt,
  resolveDataDir,
  resolveHost,
  writeOut,
} from './io.js';

export async function runServe(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...dataDirOption,
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    'max-event-bytes': { type: 'string' },
    'max-request-bytes': { type: 'string' },
  });
  const dataDir = resolveDataDir(options['data-dir']);
  const publicUrl = options['public-url'] ?? process.env['FAULTLINE_URL'];
  const maxEventBytes = parsePositiveInt(
    options['max-event-bytes'] ?? process.env['FAULTLINE_MAX_EVENT_BYTES'],
    '--max-event-bytes',
  );
  const maxRequestBytes = parsePositiveInt(
    options['max-request-bytes'] ?? process.env['FAULTLINE_MAX_REQUEST_BYTES'],
    '--max-request-bytes',
  );
  const server = await startServer({
    dataDir,
    host: resolveHost(options.host),
    port: parsePort(options.port),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    limits: {
      ...(maxEventBytes !== undefined ? { maxEventBytes } : {}),
      ...(maxRequestBytes !== undefined ? { maxRequestBytes } : {}),
    },
  });
  await writeOut(`Faultline listening on ${server.url} (data in ${dataDir})\nDSN: ${server.dsn}\n`);

  const stop = (signal: string) => {
    void writeOut(`${signal}: finishing queued writes and stopping\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
