/**
 * The `faultline` command. Its output and flags are a stable interface that other tools and the
 * tests use; every command prints a clear message and exits non-zero on bad arguments.
 */
import { ApiClientError } from './client/api-client.js';
import { CliError, writeErr } from './cli/io.js';
import { runDsn } from './cli/dsn.js';
import { runEvents } from './cli/events.js';
import { runIssues } from './cli/issues.js';
import { runLogin, runLogout, runWhoami } from './cli/login.js';
import { runMigrate } from './cli/migrate.js';
import { runProject } from './cli/project.js';
import { releaseStdin } from './cli/read-secret.js';
import { runSendTestEvent } from './cli/send-test-event.js';
import { runServe } from './cli/serve.js';
import { runTail } from './cli/tail.js';
import { runToken } from './cli/token.js';
import { runUser } from './cli/user.js';

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve: runServe,
  dsn: runDsn,
  issues: runIssues,
  events: runEvents,
  'send-test-event': runSendTestEvent,
  migrate: runMigrate,
  login: runLogin,
  logout: runLogout,
  whoami: runWhoami,
  user: runUser,
  project: runProject,
  token: runToken,
  tail: runTail,
};

const USAGE = `usage: faultline <command> [options]

commands:
  serve [--data-dir DIR] [--port N] [--host H]    run the server (default 127.0.0.1:8000, ./data)
        [--public-url URL] [--max-event-bytes N] [--max-request-bytes N]
        [--retention-days N]                      keep events N days (default 90) where a
                                                  project does not say otherwise
        [--max-queue-bytes N]                     refuse events (503) while the queue takes N
                                                  bytes (default 1 GiB)
        [--min-free-disk-bytes N]                 refuse events (503) while the data dir's disk
                                                  has less free (default 1 GiB or 5 % of it)
        [--max-inflight-body-bytes N]             answer 503 while request bodies being read
                                                  take N bytes in all (default 256 MiB)
        [--trust-proxy HOPS]                      behind HOPS reverse proxies: an event's
                                                  client address is read from X-Forwarded-For
  dsn [--project ID]                              print a project's DSN
  issues [--project ID] [--json]                  list issues
  events --issue ID [--limit N] [--json]          list an issue's events, newest first
  send-test-event --dsn DSN                       send a real test event and say if it was accepted
  migrate --from sqlite:DIR --to postgres://…     copy a SQLite install into an empty PostgreSQL
          [--chunk-rows N]                        database (stop the server first; rerun to resume)

  login --url URL --email EMAIL                   log in (password from the terminal or stdin);
        [--token-stdin]                           saves an API token for the commands below
  logout                                          revoke the saved token and forget it
  whoami [--json]                                 who the saved login is
  user list [--json]                              people and the projects they see (admins)
  user create --email E --role admin|member       add someone (password from terminal or stdin)
        [--name N] [--project ID]...              (a member sees only the --project ones)
  user passwd [--email E]                         change your password, or reset E's (admins)
  project list [--json]                           the projects you see
  project create --name NAME [--json]             a new project and its first DSN
  project keys --project ID [--json]              a project's DSN keys
  token create --name N --scope read|write|admin  an API token, printed once
  token list [--json] | token revoke --id ID      your tokens
  tail [--project ID] [--json]                    print each new event as it is stored

serve, dsn, issues and events work on the data itself: --data-dir DIR (SQLite, the default:
./data) or --database-url postgres://… (PostgreSQL, shared by several servers). The commands
after migrate go through the REST API of a running server: --url URL, else FAULTLINE_URL, else
the saved login; FAULTLINE_TOKEN overrides the saved token.

environment: FAULTLINE_DATA_DIR, FAULTLINE_DATABASE_URL, FAULTLINE_PORT, FAULTLINE_HOST,
  FAULTLINE_URL, FAULTLINE_TOKEN, FAULTLINE_MAX_EVENT_BYTES, FAULTLINE_MAX_REQUEST_BYTES,
  FAULTLINE_RETENTION_DAYS, FAULTLINE_ADMIN_EMAIL, FAULTLINE_ADMIN_PASSWORD
`;

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    await writeErr(USAGE);
    process.exitCode = name === undefined ? 2 : 0;
    return;
  }
  // Own keys only: `faultline constructor` is not a command.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
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
    if (error instanceof ApiClientError) {
      await writeErr(`faultline ${name}: ${apiErrorMessage(error)}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    releaseStdin();
  }
}

function apiErrorMessage(error: ApiClientError): string {
  const field = error.field === undefined ? '' : ` (${error.field})`;
  if (error.code === 'unauthenticated') {
    return `${error.message}; run faultline login`;
  }
  return `${error.message}${field}`;
}
