/**
 * Debian's chromium driven by playwright-core, for the web UI's tests. Never a downloaded
 * browser: CI installs the distribution's package (.ci/run), and without it the UI tests skip
 * with a message saying so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SERVER_PACKAGE_DIR } from '../helpers/paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** `skip` for node:test: false when the browser is there, else the reason. */
export const skipWithoutChromium: string | false = fs.existsSync(CHROMIUM_PATH)
  ? false
  : `Debian's chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium): web UI tests skipped`;

export const WEB_DIST_DIR = path.join(SERVER_PACKAGE_DIR, '..', 'web', 'dist');
export const ARTIFACTS_DIR = path.join(SERVER_PACKAGE_DIR, '..', 'web', 'test-artifacts');

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error(`the web UI is not built at ${WEB_DIST_DIR}: run \`npm run build\` first`);
  }
  return launchDebianChromium();
}

/** Debian's chromium, headless, for any page (the client matrix's browser app too). */
export function launchDebianChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * What a page did that it must not: dialogs (an injected `alert`), requests to any other
 * origin (blocked, and recorded), and CSP violations (something tried to run or load inline).
 */
export interface PageWatch {
  dialogs: string[];
  foreignRequests: string[];
  cspViolations: string[];
  pageErrors: string[];
}

export async function watchedPage(
  context: BrowserContext,
  origin: string,
): Promise<{ page: Page; watch: PageWatch }> {
  const watch: PageWatch = { dialogs: [], foreignRequests: [], cspViolations: [], pageErrors: [] };
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watch.cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url === origin) return route.continue();
    watch.foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return { page, watch };
}

/** A screenshot of the whole page into packages/web/test-artifacts/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
