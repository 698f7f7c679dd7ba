/**
 * The `faultline` command. Its output and flags are a stable interface that other tools and the
 * tests use; every command prints a clear message and exits non-zero on bad arguments.
 */
import { CliError, writeErr } from './cli/io.js';
import { runDsn } from './cli/dsn.js';
import { runEvents } from './cli/events.js';
import { runIssues } from './cli/issues.js';
import { runMigrate } from './cli/migrate.js';
import { runSendTestEvent } from './cli/send-test-event.js';
import { runServe } from './cli/serve.js';
import { runTail } from './cli/tail.js';

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve: runServe,
  dsn: runDsn,
  issues: runIssues,
  events: runEvents,
  tail: runTail,
  'send-test-event': runSendTestEvent,
  migrate: runMigrate,
};

const USAGE = `usage: faultline <command> [options]

commands:
  serve [--data-dir DIR] [--port N] [--host H]    run the server (default 127.0.0.1:8000, ./data)
        [--public-url URL] [--max-event-bytes N] [--max-request-bytes N]
        [--retention-days N]                      keep events N days (default 90)
  dsn [--project ID]                              print a project's DSN
  issues [--project ID] [--json]                  list issues
  events --issue ID [--limit N] [--json]          list an issue's events, newest first
  tail [--project ID] [--json]                    print each new event as it is stored
  send-test-event --dsn DSN                       send a real test event and say if it was accepted
  migrate --from sqlite:DIR --to postgres://…     copy a SQLite install into an empty PostgreSQL
          [--chunk-rows N]                        database (stop the server first; rerun to resume)

every command but send-test-event and migrate reads its data from --data-dir DIR (SQLite, the
default: ./data) or --database-url postgres://… (PostgreSQL, shared by several servers)

environment: FAULTLINE_DATA_DIR, FAULTLINE_DATABASE_URL, FAULTLINE_PORT, FAULTLINE_HOST,
  FAULTLINE_URL, FAULTLINE_MAX_EVENT_BYTES, FAULTLINE_MAX_REQUEST_BYTES, FAULTLINE_RETENTION_DAYS
`;

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    await writeErr(USAGE);
    process.exitCode = name === undefined ? 2 : 0;
    return;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    await writeErr(`faultline: unknown command "${name}"\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  try {
    await command(rest);
  } catch (error) {
    if (error instanceof CliError) {
      await writeErr(`faultline ${name}: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}
