/** Runs a fixture app (test/fixtures/*.mjs) as a child process with a DSN. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

// From dist/test/helpers back to the sources: fixtures are plain .mjs, never compiled.
export const FIXTURES = join(import.meta.dirname, '../../../test/fixtures');
// The repository root: its package.json gives the events a `modules` list, as an app's would.
const REPO_ROOT = join(FIXTURES, '../../../..');

export interface FixtureResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runFixture(name: string, dsn: string, args: string[] = []): Promise<FixtureResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(FIXTURES, name), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, FAULTLINE_DSN: dsn, SENTRY_DSN: '' },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
