/**
 * @sentry/node 7 to 11 in one Express app, each major an npm alias (`@sentry/node-7`), and
 * raven-node 2.6 (npm `raven`), their predecessor, in an Express app of its own.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-process.js';
import { RUN_TIMEOUT_MS } from './client-case.js';
import type { ClientCase } from './client-case.js';

const require = createRequire(import.meta.url);
const APP = path.join(FIXTURES_DIR, 'matrix', 'sentry-node-express.mjs');

/** The aliases in packages/server's devDependencies; 11 is the unaliased `@sentry/node`. */
const PACKAGES = [
  ['7', '@sentry/node-7'],
  ['8', '@sentry/node-8'],
  ['9', '@sentry/node-9'],
  ['10', '@sentry/node-10'],
  ['11', '@sentry/node'],
] as const;

export const SENTRY_NODE_CASES: ClientCase[] = PACKAGES.map(([major, sdkPackage]) => ({
  name: `@sentry/node ${major} with Express`,
  skip: false,
  // NODE_ENV=test: Express's final handler would print every error's stack otherwise.
  run: (dsn) =>
    runProcess(process.execPath, [APP, dsn, sdkPackage], {
      env: { ...process.env, NODE_ENV: 'test' },
      timeoutMs: RUN_TIMEOUT_MS,
    }),
  sdk: {
    name: 'sentry.javascript.node',
    version: (require(`${sdkPackage}/package.json`) as { version: string }).version,
  },
  chain: [
    ['Error', 'cart 981 not found'],
    ['Error', 'could not price cart'],
    ['Error', 'checkout failed'],
  ],
  raisedIn: 'loadCart',
  breadcrumbs: true,
}));

export const RAVEN_NODE_CASE: ClientCase = {
  name: 'raven-node 2.6 (npm raven) with Express',
  skip: false,
  run: (dsn) =>
    runProcess(
      process.execPath,
      [path.join(FIXTURES_DIR, 'matrix', 'raven-node-express.cjs'), dsn],
      {
        env: { ...process.env, NODE_ENV: 'test' },
        timeoutMs: RUN_TIMEOUT_MS,
      },
    ),
  // raven-node sends no `sdk`: it names itself in X-Sentry-Auth's sentry_client.
  sdk: {
    name: 'raven-node',
    version: (require('raven/package.json') as { version: string }).version,
  },
  // raven-node knows no `cause`: the error the handler threw, alone.
  chain: [['Error', 'cart 981 not found']],
  raisedIn: 'loadCart',
  breadcrumbs: true,
};
