/**
 * What every app in the client matrix does, whatever its language, and what each client case
 * declares about its SDK. Every app (test/fixtures/matrix/) reports to the DSN in argv with
 * release `matrix@1.0.0`, environment `matrix-ci`, user `u-42`, a breadcrumb `opened the matrix`
 * and a tag `scenario` naming the capture, and captures:
 *   - `chain-1`, `chain-2`: one bug twice (carts 981 and 982), a three-level cause chain whose
 *     root `cart <id> not found` is raised in a function named like `loadCart`;
 *   - `anon-a`, `anon-b`: two different anonymous handlers (lambdas, arrow functions, closures)
 *     that throw;
 *   - `message`: the message `matrix message` at level warning.
 * It prints, as its last line of output, `{"events": {"<scenario>": "<event id>", …}}`.
 */
import type { ProcessResult } from '../helpers/run-process.js';

/** Slow clients on a busy 2-core CI machine, all at once: generous, still bounded. */
export const RUN_TIMEOUT_MS = 120_000;

export const SCENARIOS = ['chain-1', 'chain-2', 'anon-a', 'anon-b', 'message'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const MATRIX_RELEASE = 'matrix@1.0.0';
export const MATRIX_ENVIRONMENT = 'matrix-ci';
export const MATRIX_USER_ID = 'u-42';
export const MATRIX_BREADCRUMB = 'opened the matrix';
export const MATRIX_MESSAGE = 'matrix message';

export interface ClientCase {
  /** The client as a test names it, e.g. `@sentry/node 7`. */
  name: string;
  /** Why the case cannot run here (a missing interpreter or package), or false. */
  skip: string | false;
  /** Runs the app against `dsn` to completion. */
  run(dsn: string): Promise<ProcessResult>;
  /** The stored `sdk`: the name, and the version the installed client has. */
  sdk: { name: string; version: string };
  /** `chain-1`'s exceptions as stored, innermost (oldest) first: `[type, value]`. */
  chain: Array<[string, string]>;
  /** The function of the innermost exception's last frame (the one that raised). */
  raisedIn: string;
  /** False for clients that have no breadcrumbs (raven-go). */
  breadcrumbs: boolean;
}

/** The app's last line of output: the event id of each scenario. */
export function eventIdsOf(run: ProcessResult): Record<Scenario, string> {
  const lastLine = run.stdout.trim().split('\n').pop() ?? '';
  const { events } = JSON.parse(lastLine) as { events: Record<string, unknown> };
  const ids = {} as Record<Scenario, string>;
  for (const scenario of SCENARIOS) {
    const id = events[scenario];
    if (typeof id !== 'string') throw new Error(`the app reported no event for ${scenario}`);
    // Python and Go print ids with dashes or in upper case in some versions; the store's are bare.
    ids[scenario] = id.replace(/-/g, '').toLowerCase();
  }
  return ids;
}
