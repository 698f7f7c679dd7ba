/**
 * The web UI in a real browser against a real server: log in through the form, see events that
 * the real @sentry/node sent, read an issue's cause chain, triage, search, page, and watch new
 * events arrive live. Screenshots of each page at desktop and phone width go to
 * packages/web/test-artifacts/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sendEvent } from '../helpers/api-client.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { runProcess } from '../helpers/run-process.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, screenshot, skipWithoutChromium, watchedPage } from './browser.js';
import type { PageWatch } from './browser.js';
import { until } from '../helpers/until.js';

// Debian's package installs for Debian's interpreter, whatever python3 comes first on PATH.
const DEBIAN_PYTHON = '/usr/bin/python3';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('web UI', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  let issuesUrl: string;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    issuesUrl = `${server.url}/projects/${server.projectId}/issues/`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP });
    ({ page, watch } = await watchedPage(context, server.url));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password, then logs in through the form', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();

    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(issuesUrl);
    await page.getByText('No issues match').waitFor();
    await page.getByText(ADMIN_EMAIL).waitFor();
    // A project without any issue says how to send the first one, with its real DSN.
    const firstRun = page.getByRole('region', { name: 'Getting started' });
    await firstRun.getByRole('heading', { name: 'Send your first event' }).waitFor();
    assert.match(await firstRun.innerText(), new RegExp(`send-test-event --dsn ${server.dsn}`));
  });

  it('lists what the real @sentry/node sent', async () => {
    const run = await runProcess(process.execPath, [
      path.join(FIXTURES_DIR, 'sentry-node-express-app.mjs'),
      server.dsn,
    ]);
    assert.equal(run.code, 0, run.stderr);
    await server.idle();
    await page.reload();
    const row = issueRow(page, 'Error: checkout failed');
    await row.waitFor();
    assert.match(await row.innerText(), /error/);
    assert.match(await row.innerText(), /unresolved/);
    const time = row.locator('.col-time time').first();
    assert.equal(await time.innerText(), 'just now');
    assert.match((await time.getAttribute('title'))!, /\d{4}/, 'the exact time on hover');
  });

  it('shows the cause chain outermost first, each exception with its frames', async () => {
    await issueRow(page, 'Error: checkout failed').getByRole('link').click();
    await page.waitForURL(/\/issues\/\d+\/$/);
    await page.getByRole('heading', { name: 'Error: checkout failed' }).waitFor();
    const chain = page.locator('.cause-chain > .exception');
    // The issue's heading comes first; its event follows in a request of its own.
    await chain.first().waitFor();
    assert.deepEqual(await chain.locator('.exception-value').allInnerTexts(), [
      'checkout failed',
      'could not price cart',
      'cart 981 not found',
    ]);
    assert.deepEqual(await chain.locator('.chain-relation').allInnerTexts(), [
      'CAUSED BY',
      'CAUSED BY',
    ]);
    for (let index = 0; index < 3; index++) {
      const frames = chain.nth(index).locator('.frame');
      assert.ok((await frames.count()) > 1, `exception ${index} has its frames`);
      // In-app frames open with their source; library frames are collapsed.
      for (const open of await chain.nth(index).locator('.frame.in-app details').all()) {
        assert.equal(await open.getAttribute('open'), '');
      }
      for (const closed of await chain.nth(index).locator('.frame.library details').all()) {
        assert.equal(await closed.getAttribute('open'), null);
      }
    }
    // Most recent call first: the root cause's top frame is where it was thrown.
    const root = chain.nth(2);
    assert.match(
      await root.locator('.frame').first().locator('.frame-function').innerText(),
      /loadCart/,
    );
    const current = root.locator('.frame').first().locator('.line.current');
    // Node's stack points at where the Error was made (the fixture's loadCart).
    assert.match(
      await current.innerText(),
      /const error = new Error\(`cart \$\{id\} not found`\);/,
    );
    assert.ok((await root.locator('.frame').first().locator('.line').count()) > 1, 'context lines');

    const breadcrumbs = page.getByRole('region', { name: 'Breadcrumbs' });
    await breadcrumbs.getByText('SELECT cart').waitFor();
    await page.getByRole('region', { name: 'Tags' }).getByText('checkout').first().waitFor();
    await page.getByRole('region', { name: 'User' }).getByText('ann@example.com').waitFor();
    await page.getByRole('region', { name: 'Request' }).getByText('/checkout/981').waitFor();
    await page.getByRole('region', { name: 'Contexts' }).getByText('runtime').waitFor();
    const raw = page.getByRole('link', { name: 'Raw JSON' });
    const download = await (
      await context.request.get(new URL((await raw.getAttribute('href'))!, server.url).href)
    ).json();
    assert.equal(download.exception.values.length, 3);

    await screenshot(page, 'issue-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'issue-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('keeps the session across a reload, and resolves the issue from its page', async () => {
    // After a reload the CSRF token comes from GET /api/0/auth/session/: the write proves it.
    await page.reload();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.locator('.issue-summary .badge.status-resolved').waitFor();
    await page.getByRole('link', { name: '‹ Issues' }).click();
    await page.waitForURL(issuesUrl);
    await page.getByText('No issues match').waitFor();
    assert.equal(await issueRow(page, 'Error: checkout failed').count(), 0);
  });

  it('finds the resolved issue by its tag', async () => {
    await page.getByLabel('Search issues').fill('feature:checkout');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/query=feature%3Acheckout/);
    await issueRow(page, 'Error: checkout failed').waitFor();
    assert.match(await issueRow(page, 'Error: checkout failed').innerText(), /resolved/);

    await page.getByLabel('Search issues').fill('level:');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').waitFor();
  });

  it('shows a new event live, without a reload', async () => {
    await page.goto(issuesUrl);
    await page.locator('.live-live').waitFor();
    await page.evaluate('window.__sameDocument = true');
    await sendEvent(server, server.publicKey, server.projectId, {
      message: 'the queue is on fire',
      exception: undefined,
      level: 'warning',
    });
    const row = issueRow(page, 'the queue is on fire');
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was not reloaded');
    assert.match((await row.getAttribute('class'))!, /fresh/);
  });

  it('triages several issues at once and pages through many', async () => {
    for (let n = 0; n < 27; n++) {
      await sendEvent(server, server.publicKey, server.projectId, {
        message: `bulk problem ${String(n).padStart(2, '0')}`,
        exception: undefined,
        fingerprint: [`bulk-${n}`],
      });
    }
    await page.goto(`${issuesUrl}?sort=first_seen`);
    const rows = page.locator('.issue-row');
    await page.getByRole('link', { name: 'Next page ›' }).waitFor();
    assert.equal(await rows.count(), 25);
    await screenshot(page, 'list-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'list-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'list-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);

    await page.getByRole('link', { name: 'Next page ›' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByRole('link', { name: '« First page' }).waitFor();
    // The link is there with the new URL, before the page's rows: wait for those.
    await until('three rows', async () => (await rows.count()) === 3);
    const second = await rows.locator('.issue-title').allInnerTexts();
    assert.equal(second.length, 3, 'the 28 unresolved issues: 25, then 3');

    for (const title of second.slice(0, 2)) {
      await issueRow(page, title).getByRole('checkbox').check();
    }
    await page.getByText('2 selected').waitFor();
    await page.locator('.bulk-actions').getByRole('button', { name: 'Ignore' }).click();
    await page.getByText('Ignored: 2 issues.').waitFor();
    await page.getByRole('link', { name: '« First page' }).click();
    await page.getByLabel('Search issues').fill('is:ignored');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/is%3Aignored/);
    // The URL changes at once, the rows when the search answers: reading them right after the
    // URL could see the old page's (or none).
    await until('two rows', async () => (await rows.count()) === 2);
    assert.deepEqual(
      (await rows.locator('.issue-title').allInnerTexts()).sort(),
      second.slice(0, 2).sort(),
    );
  });

  it('steps between the events of an issue', async () => {
    const ids = [];
    for (let n = 0; n < 3; n++) {
      ids.push(
        await sendEvent(server, server.publicKey, server.projectId, {
          message: 'flaky upstream',
          exception: undefined,
          tags: { attempt: String(n) },
        }),
      );
    }
    await page.goto(issuesUrl);
    await issueRow(page, 'flaky upstream').getByRole('link').click();
    await page.getByRole('region', { name: 'Tags' }).getByText('2').waitFor();
    assert.equal(await page.locator('.event-nav code').getAttribute('title'), ids[2]);
    await page.getByRole('link', { name: 'Older event' }).click();
    await page.waitForURL(new RegExp(`/events/${ids[1]}/$`));
    await page.getByRole('region', { name: 'Tags' }).getByText('1').waitFor();
    await page.getByRole('link', { name: 'Oldest event' }).click();
    await page.waitForURL(/\/events\/oldest\/$/);
    await page.getByRole('region', { name: 'Tags' }).getByText('0').waitFor();
    assert.equal(await page.locator('.nav-step.disabled').count(), 2, 'nothing older');
    await page.getByRole('link', { name: 'Latest event' }).click();
    await page.getByRole('region', { name: 'Tags' }).getByText('2').waitFor();
  });

  it("shows sentry-python's chain with its local variables", async () => {
    const run = await runProcess(DEBIAN_PYTHON, [
      path.join(FIXTURES_DIR, 'sentry-python-app.py'),
      server.dsn,
    ]);
    assert.equal(run.code, 0, `python3-sentry-sdk must be installed: ${run.stderr}`);
    await server.idle();
    await page.goto(issuesUrl);
    await page.locator('.issue-title', { hasText: /^RuntimeError: could not charge/ }).click();
    const chain = page.locator('.cause-chain > .exception');
    await chain.first().waitFor();
    assert.deepEqual(await chain.locator('.exception-type').allInnerTexts(), [
      'RuntimeError',
      'KeyError',
    ]);
    const raised = chain.nth(1).locator('.frame').first();
    assert.equal(await raised.locator('.frame-function').innerText(), 'charge');
    assert.match(await raised.locator('.line.current').innerText(), /raise KeyError\(card\)/);
    await raised.locator('.frame-vars').getByText('card').waitFor();
  });

  it('lists the errors of an AggregateError under it', async () => {
    const frames = (fn: string) => ({
      frames: [{ filename: '/app/fan-out.js', function: fn, lineno: 3, in_app: true }],
    });
    await sendEvent(server, server.publicKey, server.projectId, {
      // As @sentry/node 11 sends one (shared/corpus), oldest first: the group last.
      exception: {
        values: [
          {
            type: 'TypeError',
            value: 'shard 2 bad reply',
            stacktrace: frames('askShard2'),
            mechanism: { type: 'chained', source: 'errors[1]', exception_id: 2, parent_id: 0 },
          },
          {
            type: 'RangeError',
            value: 'shard 1 timeout',
            stacktrace: frames('askShard1'),
            mechanism: { type: 'chained', source: 'errors[0]', exception_id: 1, parent_id: 0 },
          },
          {
            type: 'AggregateError',
            value: 'fan-out failed',
            stacktrace: frames('fanOut'),
            mechanism: {
              type: 'auto.http.express',
              handled: false,
              is_exception_group: true,
              exception_id: 0,
            },
          },
        ],
      },
    });
    await page.goto(issuesUrl);
    await issueRow(page, 'AggregateError: fan-out failed').getByRole('link').click();
    const chain = page.locator('.cause-chain > .exception');
    await chain.first().waitFor();
    assert.deepEqual(await chain.locator('.exception-value').allInnerTexts(), [
      'fan-out failed',
      'shard 1 timeout',
      'shard 2 bad reply',
    ]);
    assert.deepEqual(await chain.locator('.chain-relation').allInnerTexts(), [
      'ERRORS[0] OF AGGREGATEERROR',
      'ERRORS[1] OF AGGREGATEERROR',
    ]);
    assert.deepEqual(await chain.locator('.frame-function').allInnerTexts(), [
      'fanOut',
      'askShard1',
      'askShard2',
    ]);
  });

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  });

  it('did nothing the CSP had to stop, and threw no errors', () => {
    assert.deepEqual(watch.cspViolations, []);
    assert.deepEqual(watch.pageErrors, []);
    assert.deepEqual(watch.dialogs, []);
    assert.deepEqual(watch.foreignRequests, []);
  });
});

function issueRow(page: Page, title: string) {
  return page.locator('.issue-row').filter({
    has: page.locator('.issue-title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
