/**
 * Everything in an event is written by whoever holds the DSN, which every browser bundle ships.
 * An event whose every field carries markup, script and `javascript:` URLs must show as plain
 * text: no dialog, no script run, no element made from it, no request to another origin.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sendEvent } from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, screenshot, skipWithoutChromium, watchedPage } from './browser.js';
import type { PageWatch } from './browser.js';

/** A payload per field, naming the field, so each can be found on the page as text. */
const hostile = (field: string) =>
  `${field}<img src=https://evil.example/${field}.png onerror=alert('${field}')><script>alert('${field}')</script><svg onload=alert('${field}')>`;

/** Each field, and where on the issue page it must show: its own element, not just somewhere. */
const FIELDS: Array<[field: string, selector: string]> = [
  ['message', '.event-message'],
  ['value', '.exception-value'],
  ['function', '.frame-function'],
  ['filename', '.frame-file'],
  ['pre', '.context-lines .line:not(.current)'],
  ['context_line', '.context-lines .line.current'],
  ['post', '.context-lines .line:not(.current)'],
  ['var', '.frame-vars td'],
  ['tag', '.tag-value'],
  ['header', 'section[aria-label="Request"] td'],
  ['body', '.request-body'],
  ['email', 'section[aria-label="User"] td'],
  ['crumb', '.crumb-message'],
  ['crumbdata', '.crumb-data'],
  ['context', 'section[aria-label="Contexts"] td'],
  ['extra', 'section[aria-label="Additional data"] td'],
];

function hostileEvent(): Record<string, unknown> {
  return {
    message: hostile('message'),
    tags: { 'hostile.tag': hostile('tag') },
    user: { id: 'u-1', email: hostile('email') },
    request: {
      method: 'POST',
      url: "javascript:alert('url')",
      headers: { 'x-hostile': hostile('header'), referer: "javascript:alert('referer')" },
      data: hostile('body'),
    },
    breadcrumbs: {
      values: [
        {
          timestamp: Date.now() / 1000,
          category: 'ui.click',
          message: hostile('crumb'),
          data: { html: hostile('crumbdata'), href: "javascript:alert('crumb')" },
        },
      ],
    },
    contexts: { hostile: { type: 'default', note: hostile('context') } },
    extra: { note: hostile('extra') },
    exception: {
      values: [
        {
          type: 'HostileError',
          value: hostile('value'),
          stacktrace: {
            frames: [
              {
                filename: hostile('filename'),
                function: hostile('function'),
                lineno: 7,
                in_app: true,
                pre_context: [hostile('pre')],
                context_line: hostile('context_line'),
                post_context: [hostile('post')],
                vars: { input: hostile('var') },
              },
            ],
          },
        },
      ],
    },
  };
}

describe('a hostile event in the web UI', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    await sendEvent(server, server.publicKey, server.projectId, hostileEvent());
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, watch } = await watchedPage(context, server.url));
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/issues\/$/);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists it with its title as text', async () => {
    const title = page.locator('.issue-title').first();
    await title.waitFor();
    assert.equal(await title.innerText(), `HostileError: ${hostile('value')}`);
    await assertInert(page);
  });

  it('shows every field of it as text, and makes nothing of it', async () => {
    await page.locator('.issue-title').first().click();
    await page.getByRole('region', { name: 'Exception' }).waitFor();
    await page.getByRole('region', { name: 'Details' }).waitFor();
    for (const [field, selector] of FIELDS) {
      const shown = (await page.locator(selector).allInnerTexts()).join('\n');
      assert.ok(shown.includes(hostile(field)), `${field} is shown literally in ${selector}`);
    }
    const text = await page.locator('main').innerText();
    // The javascript: URLs are shown, and are not links.
    assert.ok(text.includes("javascript:alert('url')"));
    assert.ok(text.includes("javascript:alert('referer')"));
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    await screenshot(page, 'hostile-issue-desktop');
    await assertInert(page);
    // The raw JSON, the tag distributions and the grouping tree show the payloads as text too.
    await page
      .getByRole('region', { name: 'Raw JSON' })
      .getByText('Show the normalized event')
      .click();
    await page.getByRole('region', { name: 'Why grouped' }).locator('summary').first().click();
    assert.ok((await page.locator('.raw-json pre').innerText()).includes(hostile('message')));
    await assertInert(page);
  });

  it('ran nothing, asked nothing, and fetched from no other origin', () => {
    assert.deepEqual(watch.dialogs, []);
    assert.deepEqual(watch.foreignRequests, []);
    assert.deepEqual(watch.cspViolations, []);
    assert.deepEqual(watch.pageErrors, []);
  });
});

/** No element was made from event data: only the app's own script, image and charts are there. */
async function assertInert(page: Page): Promise<void> {
  assert.equal(await page.locator('script').count(), 1, 'only the app bundle');
  assert.equal(await page.locator('script:not([src])').count(), 0);
  assert.equal(await page.locator('img:not([src="/favicon.svg"])').count(), 0);
  // The app draws its own charts (sparklines, the event chart); no other SVG may exist.
  assert.equal(await page.locator('svg:not(.sparkline):not(.count-chart)').count(), 0);
  assert.equal(await page.locator('svg *:not(title):not(rect):not(line)').count(), 0);
  assert.equal(await page.locator('[onerror], [onload]').count(), 0);
  assert.equal(await page.locator('iframe, object, embed').count(), 0);
}
