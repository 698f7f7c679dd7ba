/**
 * The issue list's tools in a real browser: sparklines drawn from the API's series, filter
 * controls that rewrite the search, the keyboard (j/k, Enter, r, /), and merging; and the
 * issue page's event chart, tag distributions, attachments and "why grouped".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  authQuery,
  envelope,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from '../helpers/envelopes.js';
import { browserBundle } from '../fixtures/grouping-shapes.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  call,
  createToken,
  login,
  sendEvent,
} from '../helpers/api-client.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, screenshot, skipWithoutChromium, watchedPage } from './browser.js';
import type { PageWatch } from './browser.js';
import { until } from '../helpers/until.js';

describe('web UI: the issue list', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let token: string;
  let listUrl: string;
  const issues = async (query: string) =>
    (
      await call(
        server,
        'GET',
        `/api/0/projects/${server.projectId}/issues/?query=${encodeURIComponent(query)}`,
        {
          as: { token },
        },
      )
    ).body as Array<{ id: number; title: string; count: number; status: string }>;
  const row = (title: string) => page.locator('tr.issue-row', { hasText: title });
  /** The list shows exactly this one issue. */
  const onlyRow = (title: string) => async () =>
    (await page.locator('tr.issue-row').count()) === 1 && (await row(title).count()) === 1;

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin');
    const now = Date.now() / 1000;
    const send = (name: string, overrides: Record<string, unknown> = {}) =>
      sendEvent(server, server.publicKey, server.projectId, {
        fingerprint: [name],
        exception: { values: [{ type: 'ListError', value: name }] },
        ...overrides,
      });
    for (const hoursAgo of [0, 0, 0, 5]) await send('spiky', { timestamp: now - hoursAgo * 3600 });
    await send('warned', { level: 'warning', tags: { 'cart.size': 'big' } });
    await send('staged', { environment: 'staging' });
    await send('twin one');
    await send('twin two');
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

  it("draws each issue's last 24 hours as a sparkline", async () => {
    const spark = row('ListError: spiky').locator('svg.sparkline');
    await spark.waitFor();
    assert.equal(await spark.getAttribute('aria-label'), '4 events in the last 24 hours');
    assert.equal(await spark.locator('rect.sparkline-bar').count(), 2, 'this hour and 5 hours ago');
    await page.getByLabel('Events over').selectOption('14d');
    await page.waitForURL(/period=14d/);
    await row('ListError: spiky')
      .locator('svg[aria-label="4 events in the last 14 days"]')
      .waitFor();
    await screenshot(page, 'list-tools-desktop');
  });

  it('filters by level and environment through the search text', async () => {
    await page.getByLabel('Level').selectOption('warning');
    await page.waitForURL(/level%3Awarning/);
    assert.equal(
      await page.getByRole('search').getByRole('searchbox').inputValue(),
      'is:unresolved level:warning',
    );
    // The old page stays up while the new one loads: wait for the filtered list itself.
    await until('only the warned issue', onlyRow('ListError: warned'));
    await page.getByLabel('Level').selectOption('');
    await page.getByLabel('Environment').fill('staging');
    await page.getByLabel('Environment').press('Enter');
    await page.waitForURL(/environment%3Astaging/);
    await until('only the staged issue', onlyRow('ListError: staged'));
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Environment').fill('');
    await page.getByLabel('Environment').press('Enter');
    await until('all five issues', async () => (await page.locator('tr.issue-row').count()) === 5);
    assert.equal(
      await page.getByRole('searchbox').inputValue(),
      '',
      'any status: no is: term at all',
    );
  });

  it("never shows the last search's rows under a new search while its answer is on the way", async () => {
    await page.goto(`${listUrl}?query=`);
    await until('all five issues', async () => (await page.locator('tr.issue-row').count()) === 5);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const isWarningSearch = (url: URL) =>
      url.pathname.endsWith('/issues/') && url.searchParams.get('query') === 'level:warning';
    await page.route(isWarningSearch, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.getByLabel('Level').selectOption('warning');
      await page.waitForURL(/level%3Awarning/);
      // Its answer is held back: the five rows of the old search must not stand in for it.
      await until(
        'the old rows gone while the new search loads',
        async () =>
          (await page.locator('tr.issue-row').count()) === 0 &&
          (await page.getByText('Loading issues…').count()) === 1,
      );
    } finally {
      release();
    }
    await until('only the warned issue', onlyRow('ListError: warned'));
    await page.unroute(isWarningSearch);
  });

  it("completes the search language: keys, then their values, and the project's tag keys", async () => {
    const box = page.getByRole('searchbox');
    await box.fill('lev');
    await page.getByRole('option', { name: 'level:' }).waitFor();
    await box.press('Tab');
    assert.equal(await box.inputValue(), 'level:');
    await box.pressSequentially('w');
    await page.getByRole('option', { name: 'level:warning' }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'level:warning ');
    // Nothing chosen: Enter searches what was typed.
    await box.press('Enter');
    await page.waitForURL(/query=level%3Awarning/);
    await until('only the warned issue', onlyRow('ListError: warned'));
    // The project's own tag keys complete too.
    await box.fill('cart');
    await page.getByRole('option', { name: 'cart.size:' }).waitFor();
  });

  it('keeps working when the typed key names a member of every object (constructor:, __proto__:)', async () => {
    const box = page.getByRole('searchbox');
    for (const typed of [
      'constructor:',
      '__proto__:',
      'toString:',
      'hasOwnProperty:x',
      '-valueOf:',
    ]) {
      await box.fill('');
      await box.pressSequentially(typed);
      assert.equal(await box.inputValue(), typed, 'the search box is still there, with the text');
      assert.equal(
        await page.locator('#search-completions li').count(),
        0,
        `nothing to complete for ${typed}`,
      );
    }
    // Completion still works after them, and the list is still on the page.
    await box.fill('');
    await box.pressSequentially('is:unr');
    await page.getByRole('option', { name: 'is:unresolved' }).waitFor();
    await box.press('Escape');
    await page.locator('tr.issue-row').first().waitFor(); // the last search's list
    assert.deepEqual(watch.pageErrors, []);
  });

  it('moves with j/k, opens with Enter, resolves with r, and / goes to the search box', async () => {
    await page.goto(listUrl);
    await row('ListError: spiky').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const focused = page.locator('tr.issue-row.focused');
    assert.equal(await focused.count(), 1);
    const firstTitle = await page
      .locator('tr.issue-row')
      .first()
      .locator('.issue-title')
      .innerText();
    assert.equal(await focused.locator('.issue-title').innerText(), firstTitle);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/issues\/\d+\/$/);
    await page.goBack();
    await page.waitForURL(listUrl);
    await row('ListError: spiky').waitFor();
    await page.keyboard.press('j');
    const resolvedTitle = await page.locator('tr.issue-row.focused .issue-title').innerText();
    await page.keyboard.press('r');
    await page.getByRole('status').getByText('Resolved: 1 issue.').waitFor();
    const resolved = (await issues('is:resolved')).map((issue) => issue.title);
    assert.deepEqual(resolved, [resolvedTitle]);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('type')"), 'search');
    // Typing in the box is the box's: "r" resolves nothing there. A shortcut's key is
    // prevented, so the letter in the box proves it went to the box; the API check alone could
    // run before a wrongly sent resolve arrived.
    const typed = await page.getByRole('searchbox').inputValue();
    await page.keyboard.type('r');
    assert.equal((await page.getByRole('searchbox').inputValue()).length, typed.length + 1);
    assert.equal((await issues('is:resolved')).length, 1);
    await page.keyboard.press('Escape');
  });

  it('merges the selected issues into the first', async () => {
    await page.goto(`${listUrl}?query=${encodeURIComponent('twin')}`);
    await row('ListError: twin one').waitFor();
    const merge = page.getByRole('button', { name: 'Merge' });
    assert.equal(await merge.isDisabled(), true, 'one issue cannot be merged');
    await page.locator('tr.issue-row input[type=checkbox]').nth(0).check();
    await page.locator('tr.issue-row input[type=checkbox]').nth(1).check();
    await merge.click();
    await page
      .getByRole('status')
      .getByText(/^Merged 2 issues into #\d+\.$/)
      .waitFor();
    const twins = await issues('twin');
    assert.equal(twins.length, 1);
    assert.equal(twins[0]!.count, 2);
  });

  it("shows an issue's events over time, its tags, attachments, raw JSON and why it was grouped", async () => {
    const eventId = newEventId();
    const event = nodeErrorEvent(eventId, {
      fingerprint: ['with-file'],
      exception: { values: [{ type: 'ListError', value: 'with a file' }] },
      tags: { region: 'eu' },
    });
    const sent = await post(
      `${server.envelopeUrl}${authQuery(server.publicKey)}`,
      envelope({ event_id: eventId }, [
        { headers: { type: 'event' }, payload: JSON.stringify(event) },
        {
          headers: { type: 'attachment', filename: '<b>dump</b>.txt', content_type: 'text/plain' },
          payload: 'state at the crash',
        },
      ]),
    );
    assert.equal(sent.status, 200);
    await server.idle();
    const [issue] = await issues('"with a file"');
    await page.goto(`${server.url}/issues/${issue!.id}/`);
    await page.getByRole('img', { name: '1 events in the last 48 hours' }).waitFor();
    const region = page.locator('.tag-distribution', {
      has: page.getByRole('heading', { name: 'region' }),
    });
    assert.match(await region.innerText(), /eu\s*100%/);
    const file = page.getByRole('link', { name: '<b>dump</b>.txt' });
    await file.waitFor();
    const download = await call(
      server,
      'GET',
      new URL((await file.getAttribute('href'))!, server.url).pathname,
      { as: { token } },
    );
    assert.equal(download.body, 'state at the crash');
    const grouping = page.getByRole('region', { name: 'Why grouped' });
    await grouping.locator('summary').click();
    assert.match(await grouping.innerText(), /fingerprint/);
    const raw = page.getByRole('region', { name: 'Raw JSON' });
    await raw.getByText('Show the normalized event').click();
    assert.match(await raw.locator('pre').innerText(), new RegExp(`"event_id": "${eventId}"`));
    await screenshot(page, 'issue-insights-desktop');
  });

  it('says which grouping version decided, and that a hash joined through the v1 one after a switch', async () => {
    // A project grouping by v1, as every project did before v2, with one browser error.
    const project = await server.store.createProject('upgraded');
    await server.store.updateProject(project.id, {
      groupingVersion: 'v1',
      secondaryGrouping: undefined,
    });
    const key = await server.store.createKey(project.id);
    const sendBrowserError = async () => {
      const eventId = newEventId();
      const event = browserBundle('TypeError', 'a is undefined', { lineno: 1, colno: 5123 });
      const url = `${server.url}/api/${project.id}/envelope/${authQuery(key.publicKey)}`;
      const sent = await post(url, eventEnvelope({ ...event, event_id: eventId }));
      assert.equal(sent.status, 200);
      await server.idle();
    };
    await sendBrowserError();
    const projectIssues = async () =>
      (await call(server, 'GET', `/api/0/projects/${project.id}/issues/`, { as: { token } }))
        .body as Array<{ id: number }>;
    const [issue] = await projectIssues();

    const switched = await call(server, 'PUT', `/api/0/projects/${project.id}/`, {
      as: { token },
      body: { groupingVersion: 'v2' },
    });
    assert.equal(switched.body.secondaryGrouping.version, 'v1');
    // Digest reads project settings again within seconds; the same error keeps coming meanwhile.
    await until(
      'an event grouped by v2',
      async () => {
        await sendBrowserError();
        const grouping = await call(server, 'GET', `/api/0/issues/${issue!.id}/grouping/`, {
          as: { token },
        });
        return grouping.body.some(
          (entry: { groupingVersion: string }) => entry.groupingVersion === 'v2',
        );
      },
      30_000,
    );
    assert.equal((await projectIssues()).length, 1, 'the switch split nothing');

    await page.goto(`${server.url}/issues/${issue!.id}/`);
    const why = page.getByRole('region', { name: 'Why grouped' });
    const [joined, original] = [why.locator('summary').nth(0), why.locator('summary').nth(1)];
    await joined.waitFor();
    assert.match(
      await joined.innerText(),
      /^v2 [0-9a-f]{32} decided by exception type, file, line and column\s+Joined this issue through its v1 hash [0-9a-f]{32}/,
    );
    assert.match(
      await original.innerText(),
      /^v1 [0-9a-f]{32} decided by exception type, file, function$/,
    );
    await screenshot(page, 'issue-grouping-transition');
  });

  it('did nothing the CSP had to stop, and threw no errors', () => {
    assert.deepEqual(watch.cspViolations, []);
    assert.deepEqual(watch.pageErrors, []);
    assert.deepEqual(watch.dialogs, []);
    assert.deepEqual(watch.foreignRequests, []);
  });
});
