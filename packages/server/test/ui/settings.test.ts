/**
 * The settings, alerts, account and setup pages in a real browser against a real server: what
 * an admin saves persists (checked through the API too), a refused entry is named inline, a
 * webhook channel reaches a real node:http receiver (test send and a real event's alert, then
 * the notification log), a token works once created and stops once revoked, and a member sees
 * settings read-only and nothing of another project. Screenshots at desktop and phone width go
 * to packages/web/test-artifacts/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const MEMBER_EMAIL = 'member@example.com';
const MEMBER_PASSWORD = 'member password 1';
const NEW_PASSWORD = 'a brand new password';

/** A webhook receiver that records every JSON body it gets and answers 200. */
async function startReceiver() {
  const bodies: any[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(text));
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/faultline`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function logIn(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function bothWidths(page: Page, name: string) {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `${name}-phone`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-phone-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(DESKTOP);
}

describe('settings, alerts and account pages', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const watches: PageWatch[] = [];
  let adminToken: string;
  let base: string;

  const api = (method: string, path: string, body?: unknown) =>
    call(server, method, path, {
      as: { token: adminToken },
      ...(body === undefined ? {} : { body }),
    });

  before(async () => {
    server = await startTestServer({
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      // As alerts-e2e: a short storm window, so the first alert goes out in a second or two.
      alerts: { stormWindowSeconds: 2, retryBaseSeconds: 0.2, maxAttempts: 20 },
    });
    base = `${server.url}/projects/${server.projectId}`;
    adminToken = await createToken(
      server,
      await login(server, ADMIN_EMAIL, ADMIN_PASSWORD),
      'admin',
    );
    receiver = await startReceiver();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: DESKTOP,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    let watch: PageWatch;
    ({ page, watch } = await watchedPage(context, server.url));
    watches.push(watch);
    await logIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.stop();
  });

  it('shows the DSN the API has, and copies it', async () => {
    const keys = (await api('GET', `/api/0/projects/${server.projectId}/keys/`)).body;
    await page.goto(`${base}/settings/`);
    const dsn = page.locator('.key-card').first().getByLabel('DSN');
    await dsn.waitFor();
    assert.equal(await dsn.innerText(), keys[0].dsn);
    assert.equal(keys[0].dsn, server.dsn);
    await page.locator('.key-card').first().getByRole('button', { name: 'Copy' }).click();
    await page.locator('.key-card').first().getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), keys[0].dsn);
  });

  it('names a refused allowed origin inline, then saves retention and origins', async () => {
    await page.getByLabel('Retention (days)').fill('30');
    await page.getByLabel('Allowed origins').fill('https://app.example.com\nnot a url!!');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const problem = page.locator('.field-invalid .field-error');
    await problem.waitFor();
    assert.match(await problem.innerText(), /^“not a url!!” must be like https:\/\/app/);
    assert.equal(
      (await api('GET', `/api/0/projects/${server.projectId}/`)).body.retentionDays,
      null,
      'nothing saved from the refused form',
    );

    await page.getByLabel('Allowed origins').fill('https://app.example.com\n*.example.org\n');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(await problem.count(), 0);

    await page.reload();
    await page.getByLabel('Retention (days)').waitFor();
    assert.equal(await page.getByLabel('Retention (days)').inputValue(), '30');
    assert.equal(
      await page.getByLabel('Allowed origins').inputValue(),
      'https://app.example.com\n*.example.org',
    );
    const project = (await api('GET', `/api/0/projects/${server.projectId}/`)).body;
    assert.equal(project.retentionDays, 30);
    assert.deepEqual(project.allowedOrigins, ['https://app.example.com', '*.example.org']);

    // Emptied, retention goes back to the server's default (null in the API).
    await page.getByLabel('Retention (days)').fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(
      (await api('GET', `/api/0/projects/${server.projectId}/`)).body.retentionDays,
      null,
    );
    await page.getByLabel('Retention (days)').fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
  });

  it('switches the grouping version, saying the old one is still consulted for 90 days', async () => {
    const grouping = page.getByLabel('Grouping');
    assert.equal(await grouping.inputValue(), 'v2');
    await grouping.selectOption('v1');
    await page.getByText('Saving switches new events to v1').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const project = (await api('GET', `/api/0/projects/${server.projectId}/`)).body;
    assert.equal(project.groupingVersion, 'v1');
    assert.equal(project.secondaryGrouping.version, 'v2');

    await page.reload();
    await page.getByText(/^Moving from v2: until .*, an event whose v1 hash is new/).waitFor();
    assert.equal(await page.getByLabel('Grouping').inputValue(), 'v1');
    await page.getByLabel('Grouping').selectOption('v2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(
      (await api('GET', `/api/0/projects/${server.projectId}/`)).body.groupingVersion,
      'v2',
    );
  });

  it('creates a key, limits it and disables it', async () => {
    await page.getByRole('button', { name: 'New key' }).click();
    const cards = page.locator('.key-card');
    await cards.nth(1).waitFor();
    const keys = (await api('GET', `/api/0/projects/${server.projectId}/keys/`)).body;
    assert.equal(keys.length, 2);
    const created = keys.find((key: any) => key.dsn !== server.dsn);
    const card = cards.filter({ hasText: created.publicKey });
    assert.equal(await card.getByLabel('DSN').innerText(), created.dsn);

    await card.getByLabel('Rate limit: events').fill('100');
    await card.getByLabel('Rate limit: window in seconds').fill('60');
    await card.getByRole('button', { name: 'Save limit' }).click();
    await card.getByText('100 per 60 s').waitFor();

    await card.getByRole('button', { name: 'Disable' }).click();
    await card.locator('.badge', { hasText: 'disabled' }).waitFor();
    const after = (await api('GET', `/api/0/projects/${server.projectId}/keys/`)).body.find(
      (key: any) => key.id === created.id,
    );
    assert.equal(after.active, false);
    assert.deepEqual(after.rateLimit, { count: 100, windowSeconds: 60 });
    await bothWidths(page, 'settings');
  });

  it('adds a webhook channel and sends a test notification to a real receiver', async () => {
    await page.goto(`${base}/alerts/`);
    await page.getByRole('button', { name: 'Add channel' }).click();
    const form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name').fill('Ops hook');
    await form.getByLabel('Kind').selectOption('webhook');
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByLabel('Signing secret (optional)').fill('whsec_test');
    await bothWidths(page, 'alerts-channel-form');
    await form.getByRole('button', { name: 'Add channel' }).click();
    const card = page.getByRole('listitem', { name: 'Channel Ops hook' });
    await card.waitFor();
    // Shown masked: host and the last characters, never the path or the secret.
    assert.match(await card.innerText(), /http:\/\/127\.0\.0\.1:\d+\/…line · signed/);
    assert.doesNotMatch(await card.innerText(), /whsec_test|hooks\/faultline/);

    await card.getByRole('button', { name: 'Send test notification' }).click();
    await card.getByRole('status').getByText('Test sent: HTTP 200').waitFor();
    assert.equal(receiver.bodies.length, 1);
    assert.equal(receiver.bodies[0].test, true);

    // Editing with the URL and secret left empty keeps both.
    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit Ops hook' });
    await edit.getByText('Leave empty to keep it').first().waitFor();
    await screenshot(page, 'alerts-channel-edit-desktop');
    await edit.getByLabel('Name').fill('Ops webhook');
    await edit.getByRole('button', { name: 'Save channel' }).click();
    const renamed = page.getByRole('listitem', { name: 'Channel Ops webhook' });
    await renamed.waitFor();
    const [channel] = (await api('GET', `/api/0/projects/${server.projectId}/alert-channels/`))
      .body;
    assert.equal(channel.config.secretSet, true);
    await renamed.getByRole('button', { name: 'Send test notification' }).click();
    await renamed.getByRole('status').getByText('Test sent: HTTP 200').waitFor();
    assert.equal(receiver.bodies.length, 2, 'the kept URL still reaches the receiver');
  });

  it('adds a new-issue rule; a real event is alerted and shows in the log as sent', async () => {
    await page.getByRole('button', { name: 'Add rule' }).click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Name').fill('Every new issue');
    await form.getByLabel('When').selectOption('new_issue');
    await form.getByLabel('Ops webhook').check();
    await form.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('listitem', { name: 'Rule Every new issue' });
    await rule.waitFor();
    assert.match(await rule.innerText(), /On a new issue · for every event · to Ops webhook/);
    await bothWidths(page, 'alerts');

    await sendEvent(server, server.publicKey, server.projectId, {
      message: 'the payment queue stalled',
      exception: undefined,
    });
    const alert = await until('the new-issue webhook', () =>
      receiver.bodies.find((body) => body.test === false),
    );
    assert.equal(alert.trigger, 'new_issue');
    assert.equal(alert.issues[0].title, 'the payment queue stalled');
    const issueId = alert.issues[0].id;

    await page.goto(`${base}/alerts/log/`);
    const row = page.locator('.notification-row').first();
    await row.waitFor();
    // The webhook arrived before the attempt was written: reload until the log has it.
    for (
      let tries = 0;
      (await row.locator('.badge').innerText()) !== 'sent' && tries < 50;
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    assert.equal(await row.locator('.badge').innerText(), 'sent');
    assert.match(await row.innerText(), /new issue/);
    assert.match(await row.innerText(), /Every new issue → Ops webhook/);
    assert.match(await row.locator('.attempt').innerText(), /^ok HTTP 200 just now$/);
    assert.equal(
      await row.getByRole('link', { name: `Issue #${issueId}` }).getAttribute('href'),
      `/issues/${issueId}/`,
    );
    await bothWidths(page, 'alerts-log');
  });

  it('deleting a channel takes it out of the rules shown, and a rule saved after still saves', async () => {
    const projectPath = `/api/0/projects/${server.projectId}`;
    const spare = await api('POST', `${projectPath}/alert-channels/`, {
      name: 'Spare hook',
      config: { kind: 'webhook', url: `${receiver.url}/spare` },
    });
    assert.equal(spare.status, 201);
    const [saved] = (await api('GET', `${projectPath}/alert-rules/`)).body;
    const { id, projectId, createdAt, threshold, windowMinutes, ...rest } = saved;
    const updated = await api('PUT', `${projectPath}/alert-rules/${id}/`, {
      ...rest,
      channelIds: [...saved.channelIds, spare.body.id],
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));

    await page.goto(`${base}/alerts/`);
    const rule = page.getByRole('listitem', { name: 'Rule Every new issue' });
    await rule.getByText('to Ops webhook, Spare hook').waitFor();
    const card = page.getByRole('listitem', { name: 'Channel Spare hook' });
    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('button', { name: 'Yes, delete' }).click();
    await card.waitFor({ state: 'detached' });
    // The rules are read again: no "#id" of a channel that is gone.
    await rule.getByText(/to Ops webhook · /).waitFor();
    assert.doesNotMatch(await rule.innerText(), /#\d+/);

    await rule.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit Every new issue' });
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await edit.waitFor({ state: 'detached' });
    await rule.waitFor();
    const [after] = (await api('GET', `${projectPath}/alert-rules/`)).body;
    assert.deepEqual(after.channelIds, saved.channelIds);
  });

  it('creates an API token shown once, which works until it is revoked', async () => {
    await page.goto(`${server.url}/account/`);
    await page.getByLabel('Name').fill('ci script');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('status', { name: 'New token' });
    await shown.waitFor();
    const token = await shown.getByLabel('Token').innerText();
    assert.ok(token.length > 20);
    const session = await call(server, 'GET', '/api/0/auth/session/', { as: { token } });
    assert.equal(session.status, 200);
    assert.equal(session.body.user.email, ADMIN_EMAIL);
    assert.equal(session.body.scope, 'read');
    const item = page.getByRole('listitem', { name: 'Token ci script' });
    await item.waitFor();
    await bothWidths(page, 'account');

    await page.reload();
    await item.waitFor();
    assert.equal(await page.getByText(token).count(), 0, 'the secret is not shown again');

    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByRole('button', { name: 'Yes, revoke' }).click();
    await item.waitFor({ state: 'detached' });
    const revoked = await call(server, 'GET', '/api/0/auth/session/', { as: { token } });
    assert.equal(revoked.status, 401);
  });

  it('shows the setup page with the DSN in the test command and every snippet', async () => {
    await page.goto(`${base}/setup/`);
    const panel = page.getByRole('region', { name: 'Getting started' });
    await panel.getByLabel('DSN', { exact: true }).waitFor();
    assert.equal(await panel.getByLabel('DSN', { exact: true }).innerText(), server.dsn);
    assert.equal(
      await panel.getByLabel('Test command').innerText(),
      `npx faultline send-test-event --dsn ${server.dsn}`,
    );
    const tabs = panel.getByRole('tab');
    assert.deepEqual(await tabs.allInnerTexts(), [
      'Express',
      'Fastify',
      'Hono',
      'Koa',
      '@sentry/node',
      'Python',
    ]);
    const expected: Record<string, RegExp> = {
      Express: /Faultline\.setupExpressErrorHandler\(app\)/,
      Fastify: /Faultline\.setupFastifyErrorHandler\(app\)/,
      Hono: /Faultline\.setupHonoErrorHandler\(app\)/,
      Koa: /Faultline\.setupKoaErrorHandler\(app\)/,
      '@sentry/node': /Sentry\.init\(\{ dsn: "/,
      Python: /sentry_sdk\.init\(dsn="/,
    };
    for (const [label, pattern] of Object.entries(expected)) {
      await panel.getByRole('tab', { name: label, exact: true }).click();
      const code = panel.getByLabel(`${label} setup code`);
      const text = await code.innerText();
      assert.ok(text.includes(JSON.stringify(server.dsn)), `${label} has the DSN`);
      assert.match(text, pattern);
    }
    await bothWidths(page, 'setup');
  });

  it('shows a member the settings read-only, and nothing of another project', async () => {
    const other = await api('POST', '/api/0/projects/', { name: 'payments' });
    assert.equal(other.status, 201);
    const member = await api('POST', '/api/0/users/', {
      email: MEMBER_EMAIL,
      password: MEMBER_PASSWORD,
      role: 'member',
      projects: [server.projectId],
    });
    assert.equal(member.status, 201, JSON.stringify(member.body));

    const memberContext = await browser.newContext({ viewport: DESKTOP });
    const { page: memberPage, watch } = await watchedPage(memberContext, server.url);
    watches.push(watch);
    try {
      await logIn(memberPage, server.url, MEMBER_EMAIL, MEMBER_PASSWORD);
      await memberPage.goto(`${base}/settings/`);
      await memberPage.getByText('you see them read-only').waitFor();
      await memberPage.getByLabel('Retention (days)').waitFor();
      assert.equal(await memberPage.getByLabel('Retention (days)').inputValue(), '30');
      assert.equal(await memberPage.getByLabel('Retention (days)').isDisabled(), true);
      // The DSN is still there to copy: members set SDKs up too. The keys load apart from the
      // project: until their cards are there, the loop below would find no key button to check.
      await memberPage.getByRole('button', { name: 'Copy' }).first().waitFor();
      for (const name of ['Save settings', 'New key', 'Disable', 'Rotate', 'Save limit']) {
        const buttons = await memberPage.getByRole('button', { name, exact: true }).all();
        assert.ok(buttons.length > 0, `${name} is there`);
        for (const button of buttons) {
          assert.equal(await button.isDisabled(), true, `${name} is disabled for a member`);
        }
      }
      assert.ok((await memberPage.getByRole('button', { name: 'Save settings' }).count()) === 1);

      await memberPage.goto(`${base}/alerts/`);
      await memberPage.getByRole('listitem', { name: 'Channel Ops webhook' }).waitFor();
      assert.equal(
        await memberPage.getByRole('button', { name: 'Send test notification' }).isDisabled(),
        true,
      );
      assert.equal(
        await memberPage.getByRole('button', { name: 'Add channel' }).isDisabled(),
        true,
      );

      await memberPage.goto(`${server.url}/projects/${other.body.id}/settings/`);
      const refused = memberPage.getByRole('alert');
      await refused.waitFor();
      assert.match(await refused.innerText(), /^Not found: there is no project here/);
      assert.equal(await memberPage.getByLabel('Retention (days)').count(), 0);
      assert.equal(await memberPage.getByRole('navigation', { name: 'Project' }).count(), 0);
      await screenshot(memberPage, 'settings-member-foreign');
    } finally {
      await memberContext.close();
    }
  });

  it('changes the password, which ends the session', async () => {
    await page.goto(`${server.url}/account/`);
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not it');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('New password again').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('The current password is wrong.').waitFor();

    await form.getByLabel('Current password').fill(ADMIN_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.waitForURL(`${server.url}/login/`);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });

  it('did nothing the CSP had to stop, and threw no errors', () => {
    for (const watch of watches) {
      assert.deepEqual(watch.cspViolations, []);
      assert.deepEqual(watch.pageErrors, []);
      assert.deepEqual(watch.dialogs, []);
      assert.deepEqual(watch.foreignRequests, []);
    }
  });
});
