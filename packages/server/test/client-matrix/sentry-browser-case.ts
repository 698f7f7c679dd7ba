/**
 * @sentry/browser in Debian's chromium, from a page on another origin than Faultline's: the
 * events cross CORS, as on every real site. Uncaught errors and an unhandled rejection.
 */
import { createRequire } from 'node:module';
import type { ProcessResult } from '../helpers/run-process.js';
import { until } from '../helpers/until.js';
import { launchDebianChromium, skipWithoutChromium } from '../ui/browser.js';
import { startBrowserPageServer } from './browser-page-server.js';
import { RUN_TIMEOUT_MS } from './client-case.js';
import type { ClientCase } from './client-case.js';

const require = createRequire(import.meta.url);

/** The page's run as an app's: its events as the last line of output, its errors as stderr. */
async function runBrowserPage(dsn: string): Promise<ProcessResult> {
  const pages = await startBrowserPageServer();
  const browser = await launchDebianChromium();
  const problems: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
    );
    // The SDK's ESM build is some 270 modules: on a busy machine they load slower than goto's
    // 30 s, so the wait is for the page's own signal, under the matrix's bound.
    await page.goto(`${pages.origin}/index.html?dsn=${encodeURIComponent(dsn)}`, {
      waitUntil: 'commit',
    });
    await until(
      `the page's events (${problems.join('; ')})`,
      () => page.evaluate(() => (globalThis as { matrixDone?: boolean }).matrixDone),
      RUN_TIMEOUT_MS,
    );
    const { events, flushed } = await page.evaluate(() => {
      const done = globalThis as { matrixEvents?: unknown; matrixFlushed?: boolean };
      return { events: done.matrixEvents, flushed: done.matrixFlushed };
    });
    if (flushed !== true) problems.push('Sentry.flush did not finish');
    return {
      code: flushed === true ? 0 : 1,
      stdout: JSON.stringify({ events }),
      stderr: problems.join('\n'),
    };
  } finally {
    await browser.close();
    await pages.close();
  }
}

export const SENTRY_BROWSER_CASE: ClientCase = {
  name: '@sentry/browser in chromium, from another origin',
  skip: skipWithoutChromium,
  run: runBrowserPage,
  sdk: {
    name: 'sentry.javascript.browser',
    version: (require('@sentry/browser/package.json') as { version: string }).version,
  },
  chain: [
    ['Error', 'cart 981 not found'],
    ['Error', 'could not price cart'],
    ['Error', 'checkout failed'],
  ],
  raisedIn: 'loadCart',
  breadcrumbs: true,
};
