/**
 * Symbolicated stacks in a real browser. A real minified app's errors, captured by the real
 * @sentry/node, are digested with its artifact bundle and stored: one mapped by debug ID (the
 * test runner's own frames stay unmapped), one whose maps were uploaded for another release.
 * The API returns the frames' symbolication data as digest wrote it; the page shows the original
 * frames by default, the minified ones on request, and why each unmapped frame stayed so.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { SentryEvent, StackFrame } from '@faultline/protocol';
import type { EventWithNeighboursJson } from '../../src/client/api-client.js';
import { digestBatch } from '../../src/digest/pipeline.js';
import { BundleSourceMapSource } from '../../src/digest/symbolicate/artifact-bundle/bundle-source.js';
import { Symbolicator } from '../../src/digest/symbolicate/symbolicator.js';
import { decodeEventPayload } from '../../src/store/payload-codec.js';
import type { ClaimedEnvelope } from '../../src/store/types.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, call, createToken, login } from '../helpers/api-client.js';
import { eventEnvelope, newEventId } from '../helpers/envelopes.js';
import {
  artifactBundleOf,
  buildMinifiedApp,
  captureWithSentryNode,
  loadMinifiedApp,
} from '../helpers/minified-app.js';
import type { ShopApi } from '../helpers/minified-app.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import { launchChromium, screenshot, skipWithoutChromium, watchedPage } from './browser.js';
import type { PageWatch } from './browser.js';

const APP_URL = 'http://localhost:5173/assets/main.js';

describe('web UI: symbolicated stack traces', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let token: string;
  let shop: ShopApi;
  let queueId = 1_000_000;

  /** Digests the event as the digest worker does, with these maps, and stores it. */
  const storeDigested = async (event: Record<string, unknown>, source: BundleSourceMapSource) => {
    const eventId = newEventId();
    const claimed: ClaimedEnvelope = {
      queueId: queueId++,
      projectId: server.projectId,
      eventId,
      kind: 'event',
      receivedAt: Date.now() / 1000,
      envelope: eventEnvelope({ ...event, event_id: eventId }),
    };
    const { batch } = await digestBatch([claimed], {
      project: (id) => server.store.getProject(id),
      onEntryFailed: (error) => assert.fail(String(error)),
      symbolication: { symbolicator: new Symbolicator(), sourceFor: () => source },
    });
    await server.store.completeBatch([claimed], batch);
    const digested = batch.events[0];
    assert.ok(digested !== undefined);
    const issues = await server.store.listIssues({ projectId: server.projectId });
    const issue = issues.find((candidate) => candidate.title === digested.title);
    assert.ok(issue !== undefined);
    return {
      issueId: issue.id,
      stored: decodeEventPayload(digested.payload) as unknown as SentryEvent,
    };
  };
  const apiEvent = async (issueId: number) =>
    (await call(server, 'GET', `/api/0/issues/${issueId}/events/latest/`, { as: { token } }))
      .body as EventWithNeighboursJson;
  const openIssue = async (issueId: number) => {
    await page.goto(`${server.url}/issues/${issueId}/`);
    await page.locator('.cause-chain .frame').first().waitFor();
  };
  const frameFunctions = (scope = page.locator('.cause-chain')) =>
    scope.locator('.frame .frame-function').allInnerTexts();

  let mapped: { issueId: number; stored: SentryEvent };
  let otherRelease: { issueId: number; stored: SentryEvent };

  before(async () => {
    server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    token = await createToken(server, await login(server, ADMIN_EMAIL, ADMIN_PASSWORD), 'admin');
    const app = await buildMinifiedApp();
    shop = loadMinifiedApp(app, APP_URL);

    const byDebugId = new BundleSourceMapSource();
    byDebugId.addBundle(artifactBundleOf(app, 'assets/main.js'));
    mapped = await storeDigested(
      { ...(await captureWithSentryNode(() => shop.checkout(5000))) },
      byDebugId,
    );
    // "Uploaded but not applied": the SDK sent no debug ID, and the maps are in 1.0.0's uploads.
    const forOldRelease = new BundleSourceMapSource();
    forOldRelease.addBundle(artifactBundleOf(app, 'assets/main.js'), { release: 'shop@1.0.0' });
    const sent = await captureWithSentryNode(() => shop.orderQuantities(['1', 'x']), {
      release: 'shop@1.1.0',
    });
    delete sent.debug_meta;
    otherRelease = await storeDigested({ ...sent }, forOldRelease);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, watch } = await watchedPage(context, server.url));
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.url}/projects/${server.projectId}/issues/`);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the API returns raw_stacktrace and each frame’s data as digest stored them', async () => {
    for (const { issueId, stored } of [mapped, otherRelease]) {
      const body = await apiEvent(issueId);
      assert.deepEqual(body.event.exception, stored.exception);
    }
    const exception = mapped.stored.exception?.values?.[0];
    assert.ok(exception?.raw_stacktrace !== undefined, 'the mapped event kept its raw frames');
    assert.equal(otherRelease.stored.exception?.values?.[0]?.raw_stacktrace, undefined);
  });

  it('shows the original frames by default and the minified ones on request', async () => {
    await openIssue(mapped.issueId);
    const original = page.getByRole('button', { name: 'Original' });
    const minified = page.getByRole('button', { name: 'Minified' });
    assert.equal(await original.getAttribute('aria-pressed'), 'true');
    const shown = await frameFunctions();
    // Newest first: the original names, from the map.
    assert.deepEqual(shown.slice(0, 5), ['formatPrice', 'Cart.total', 'task', 'retry', 'checkout']);
    const top = page.locator('.cause-chain .frame').first();
    assert.equal(await top.locator('.frame-file').innerText(), '/src/util.js');
    assert.match(await top.locator('.line.current').innerText(), /throw new RangeError/);
    await screenshot(page, 'symbolicated-original');

    await minified.click();
    assert.equal(await minified.getAttribute('aria-pressed'), 'true');
    const raw = mapped.stored.exception?.values?.[0]?.raw_stacktrace?.frames ?? [];
    assert.deepEqual(await frameFunctions(), namesNewestFirst(raw));
    assert.equal(await top.locator('.frame-file').innerText(), APP_URL);
    await screenshot(page, 'symbolicated-minified');

    await original.click();
    assert.deepEqual(await frameFunctions(), shown);
  });

  it('says on each frame left minified why, and sums the reasons up above the stack', async () => {
    await openIssue(mapped.issueId);
    const frames = mapped.stored.exception?.values?.[0]?.stacktrace?.frames ?? [];
    // The test runner's own files: source files, but no map names them.
    const unexplained = frames.filter(
      (frame) =>
        frame.data?.['symbolicated'] === false &&
        frame.data['unmapped_reason'] !== 'not_a_source_file',
    );
    assert.ok(unexplained.length > 0);
    const notes = await page.locator('.cause-chain .frame-unmapped').allInnerTexts();
    assert.deepEqual(
      notes,
      namesNewestFirst(unexplained, (frame) => `Not mapped: ${frame.data?.['unmapped_detail']}`),
    );
    const summary = page.getByRole('list', { name: 'Frames not mapped' });
    assert.match(
      await summary.innerText(),
      new RegExp(`^${unexplained.length} frames? could not be mapped: the event names no debug ID`),
    );
    // Frames no map could exist for (node: internals) say it on hover, not in the summary.
    const internal = frames.find(
      (frame) => frame.data?.['unmapped_reason'] === 'not_a_source_file',
    );
    assert.ok(internal !== undefined);
    assert.equal(
      await page
        .locator('.cause-chain .frame-file', { hasText: internal.filename ?? '' })
        .first()
        .getAttribute('title'),
      internal.data?.['unmapped_detail'],
    );
    // Mapped frames say nothing: the newest frame was mapped.
    assert.equal(
      await page.locator('.cause-chain .frame').first().locator('.frame-unmapped').count(),
      0,
    );
  });

  it('answers "uploaded but not applied": the maps are there, for another release', async () => {
    await openIssue(otherRelease.issueId);
    // Nothing was mapped: no switch, the frames as sent.
    assert.equal(await page.getByRole('button', { name: 'Minified' }).count(), 0);
    const summary = page.getByRole('list', { name: 'Frames not mapped' });
    // The reason of the frames nearest the error first (as many frames are the runner's own).
    assert.equal(
      await summary.locator('li').first().innerText(),
      '3 frames could not be mapped: ~/assets/main.js was uploaded for release shop@1.0.0, ' +
        "not for this event's release shop@1.1.0",
    );
    const note = page.locator('.cause-chain .frame').first().locator('.frame-unmapped');
    assert.match(await note.innerText(), /^Not mapped: ~\/assets\/main\.js was uploaded/);
    await screenshot(page, 'symbolicated-other-release');
    // On a phone the sentences wrap inside the card: nothing wider than the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'symbolicated-other-release-phone');
    assert.equal(
      await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
      true,
    );
    assert.deepEqual(watch, {
      dialogs: [],
      foreignRequests: [],
      cspViolations: [],
      pageErrors: [],
    });
  });
});

/** What the page lists, newest first, for frames stored oldest first. */
function namesNewestFirst(
  frames: readonly StackFrame[],
  text: (frame: StackFrame) => string = (frame) => frame.function ?? '?',
): string[] {
  return [...frames].reverse().map(text);
}
