/**
 * Releases in the web UI, in a real browser: the issue page names its releases and resolves an
 * issue in the next release, which an event of an older release leaves resolved and one of a
 * later release reopens; the issue list's release filter offers the project's releases; the
 * project's slug (sentry-cli's SENTRY_PROJECT) is set in its settings, refused inline when bad.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sendEvent } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, screenshot, skipWithoutChromium, watchedPage } from './browser.js';
import type { PageWatch } from './browser.js';

describe('web UI: releases', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let listUrl: string;
  const send = (release: string) =>
    sendEvent(server, server.publicKey, server.projectId, {
      release,
      fingerprint: ['checkout'],
      exception: { values: [{ type: 'CheckoutError', value: 'card declined' }] },
    });
  const status = () => page.locator('.issue-summary .badge').filter({ hasText: /resolved/ });

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    await send('shop@1.0.0');
    await send('shop@1.1.0');
    listUrl = `${server.url}/projects/${server.projectId}/issues/`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, watch } = await watchedPage(context, server.url));
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(listUrl);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers the known releases in the release filter, and filters by one', async () => {
    const options = page.locator('datalist#term-release-choices option');
    await options.nth(1).waitFor({ state: 'attached' });
    const versions = [];
    for (const option of await options.all()) versions.push(await option.getAttribute('value'));
    assert.deepEqual(versions, ['shop@1.1.0', 'shop@1.0.0'], 'newest first');
    await page.getByLabel('Release').fill('shop@1.0.0');
    await page.getByLabel('Release').press('Enter');
    await page.waitForURL(/release%3Ashop%401\.0\.0|release:shop@1\.0\.0/);
    await page.locator('tr.issue-row', { hasText: 'CheckoutError' }).waitFor();
  });

  it('resolves in the next release: an older release leaves it resolved, a later one reopens it', async () => {
    await page.locator('tr.issue-row', { hasText: 'CheckoutError' }).getByRole('link').click();
    await page.waitForURL(/\/issues\/\d+\/$/);
    const facts = page.locator('.issue-facts');
    await facts.getByText('in shop@1.1.0').waitFor();
    await page.getByRole('button', { name: 'In next release' }).click();
    await facts.getByText('resolved in the release after shop@1.1.0').waitFor();
    assert.equal(await status().innerText(), 'resolved');
    await screenshot(page, 'issue-resolved-in-next-release');

    await send('shop@1.0.0');
    await page.reload();
    await facts.getByText('resolved in the release after shop@1.1.0').waitFor();

    await send('shop@1.2.0');
    await page.reload();
    await page.locator('.issue-summary .badge.status-unresolved').waitFor();
    await facts.getByText('in shop@1.2.0').waitFor();
    // Resolved in a chosen release, from the list of the project's releases.
    await page.getByLabel('In release').selectOption('shop@1.2.0');
    await facts.getByText('resolved in shop@1.2.0').waitFor();
    assert.deepEqual(watch, {
      dialogs: [],
      foreignRequests: [],
      cspViolations: [],
      pageErrors: [],
    });
  });

  it("sets the project's slug in its settings; a bad one is named inline", async () => {
    await page.goto(`${server.url}/projects/${server.projectId}/settings/`);
    const slug = page.getByLabel('Slug');
    await slug.waitFor();
    assert.equal(await slug.inputValue(), 'default');
    await slug.fill('123');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .locator('.field-invalid .field-error')
      .getByText(/not only digits/)
      .waitFor();
    await slug.fill('shop');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal((await server.store.getProject(server.projectId))!.slug, 'shop');
  });

  it('lists the releases with their events, new issues and deploys, and says what sentry-cli needs', async () => {
    await page.getByRole('link', { name: 'Releases' }).click();
    await page.waitForURL(`${server.url}/projects/${server.projectId}/releases/`);
    const row = (version: string) => page.locator('tr.release-row', { hasText: version });
    await row('shop@1.2.0').waitFor();
    assert.deepEqual(
      await page.locator('tr.release-row th').allInnerTexts(),
      ['shop@1.2.0', 'shop@1.1.0', 'shop@1.0.0'],
      'newest first',
    );
    const cells = await row('shop@1.0.0').locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(1, 3), ['2', '1'], 'two events, one new issue');
    assert.match(
      await page.getByRole('region', { name: 'sentry-cli' }).innerText(),
      /SENTRY_ORG=faultline SENTRY_PROJECT=shop/,
    );
    await row('shop@1.0.0').getByRole('link').click();
    await page.waitForURL(/release%3Ashop%401\.0\.0/);
    await page.locator('tr.issue-row', { hasText: 'CheckoutError' }).waitFor();
  });
});
