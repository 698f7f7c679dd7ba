/**
 * A legacy single-JSON event posted to the envelope endpoint parses as an envelope of a header
 * alone. It used to get 200 and vanish; it is stored as the event it is, as /store/ stores it.
 * Real shapes: raven-era SDKs' `sentry.interfaces.*` keys, Sentry's own sample events (the
 * shared corpus, when it is beside the repository; its test skips without it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { authQuery, newEventId, post } from '../helpers/envelopes.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const CORPUS =
  process.env['FAULTLINE_CORPUS_DIR'] ??
  fileURLToPath(new URL('../../../../../../shared/corpus/', import.meta.url));
const SAMPLES = path.join(CORPUS, 'sentry-samples');

// Shapes of Sentry's samples with no key the old check knew as an event's (elixir.json,
// ruby.json, python-formdata.json), trimmed.
const LEGACY_EVENTS: Array<[string, Record<string, unknown>]> = [
  [
    'sentry.interfaces.Exception alone',
    {
      'sentry.interfaces.Exception': {
        values: [{ type: 'ArgumentError', value: 'bad argument', module: 'Elixir.App' }],
      },
    },
  ],
  [
    'a request with _meta',
    {
      request: { url: 'https://example.com/upload', method: 'POST', data: { file: 'x' } },
      _meta: { request: { data: { '': { rem: [['!raw', 'x']] } } } },
    },
  ],
  ['an event id and a message', { event_id: newEventId(), message: 'hello from raven' }],
];

describe('a legacy event posted to /envelope/ is stored', () => {
  let server: TestServer;
  let url: string;
  before(async () => {
    server = await startTestServer();
    url = server.envelopeUrl + authQuery(server.publicKey);
  });
  after(async () => {
    await server.stop();
  });

  async function postAndFind(body: string, what: string): Promise<void> {
    const response = await post(url, body);
    assert.equal(response.status, 200, `${what}: ${JSON.stringify(response.body)}`);
    const id = response.body['id'];
    assert.equal(typeof id, 'string', `${what}: answered with the stored event's id`);
    await server.idle();
    assert.ok(await server.store.getEvent(server.projectId, id as string), `${what} stored`);
  }

  for (const [what, event] of LEGACY_EVENTS) {
    it(what, async () => {
      await postAndFind(JSON.stringify(event), what);
    });
  }

  it('every Sentry sample event, as one line (the shared corpus)', async (t) => {
    if (!existsSync(SAMPLES)) return t.skip(`no corpus at ${SAMPLES}`);
    const files = readdirSync(SAMPLES).filter((file) => file.endsWith('.json'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const event: unknown = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8'));
      await postAndFind(JSON.stringify(event), file);
    }
  });

  it('a header-only envelope is still an empty envelope, not an event', async () => {
    await server.idle();
    const before = await server.store.countEvents(server.projectId);
    const eventId = newEventId();
    const body = `{"event_id":"${eventId}","sent_at":"${new Date().toISOString()}","sdk":{"name":"x"}}\n`;
    const response = await post(url, body);
    assert.equal(response.status, 200);
    await server.idle();
    assert.equal(await server.store.countEvents(server.projectId), before);
    assert.equal(await server.store.getEvent(server.projectId, eventId), undefined);
  });
});
