/**
 * An event that names no SDK (raven-js, raven-go 0.2) is stored with the SDK its request names:
 * `sentry_client` in X-Sentry-Auth or the query string, else a `name/version` User-Agent. The
 * event's own `sdk` wins, and a browser's User-Agent names none.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent } from '@faultline/protocol';
import { newEventId, post } from '../helpers/envelopes.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('the SDK of a /store/ event that names none', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  /** Posts a minimal event (with `sdk` when given) and reads back the stored `sdk`. */
  async function storedSdk(
    headers: Record<string, string>,
    query = '',
    sdk?: { name: string; version: string },
  ): Promise<SentryEvent['sdk']> {
    const eventId = newEventId();
    const event = { event_id: eventId, message: 'hello', ...(sdk === undefined ? {} : { sdk }) };
    const response = await post(`${server.storeUrl}${query}`, JSON.stringify(event), {
      'content-type': 'application/json',
      ...headers,
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    await server.idle();
    const stored = await server.store.getEvent(server.projectId, eventId);
    return (stored?.event as unknown as SentryEvent | undefined)?.sdk;
  }

  const auth = (client?: string): string =>
    `Sentry sentry_version=7, sentry_key=${server.publicKey}` +
    (client === undefined ? '' : `, sentry_client=${client}`);

  it('takes sentry_client from X-Sentry-Auth (raven-python, raven-ruby)', async () => {
    const sdk = await storedSdk({ 'x-sentry-auth': auth('raven-python/6.10.0') });
    assert.deepEqual(sdk, { name: 'raven-python', version: '6.10.0' });
  });

  it('takes sentry_client from the query string (raven-js)', async () => {
    const sdk = await storedSdk(
      {},
      `?sentry_version=7&sentry_client=raven-js%2F3.27.2&sentry_key=${server.publicKey}`,
    );
    assert.deepEqual(sdk, { name: 'raven-js', version: '3.27.2' });
  });

  it('takes a name/version User-Agent when there is no sentry_client (raven-go 0.2)', async () => {
    const sdk = await storedSdk({ 'x-sentry-auth': auth(), 'user-agent': 'raven-go/1.0' });
    assert.deepEqual(sdk, { name: 'raven-go', version: '1.0' });
  });

  it("keeps the event's own sdk, and takes no SDK from a browser's User-Agent", async () => {
    const own = await storedSdk({ 'x-sentry-auth': auth('raven-python/6.10.0') }, '', {
      name: 'sentry.python',
      version: '1.9.10',
    });
    assert.deepEqual(own, { name: 'sentry.python', version: '1.9.10' });
    const browser = await storedSdk({
      'x-sentry-auth': auth(),
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
    });
    assert.equal(browser, undefined);
  });
});
