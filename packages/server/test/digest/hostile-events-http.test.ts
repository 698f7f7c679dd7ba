/**
 * One hostile event cannot stall digest for everyone: a 1 MiB event of card-number-shaped header
 * values (quadratic to scrub once) and a log template of 120,000 `{0}` with a 4 kB parameter
 * (480 MB to format once) go over HTTP to a real server, then a normal event of another project.
 * No wall-clock threshold: the time until the normal event is stored is compared with the time
 * after two benign events of the same sizes, in the same server.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  authQuery,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from '../helpers/envelopes.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

const HEADER_VALUE_CHARS = 8192;
const HEADERS = 120; // ≈ 1 MB of header values, under ingest's 1 MiB event limit

function headersOf(value: string): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: HEADERS }, (_, n) => [`x-h${n}`, value.slice(0, HEADER_VALUE_CHARS)]),
  );
}

/** The attack's shapes when `hostile`; otherwise text of the same sizes that nothing matches. */
function eventsShaped(hostile: boolean): Array<Record<string, unknown>> {
  const cards = '4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-'.repeat(HEADER_VALUE_CHARS / 32);
  const letters = 'abcdefgh'.repeat(HEADER_VALUE_CHARS / 8);
  return [
    {
      event_id: newEventId(),
      request: { url: 'http://x/', headers: headersOf(hostile ? cards : letters) },
    },
    {
      event_id: newEventId(),
      logentry: { message: (hostile ? '{0}' : 'abc').repeat(120_000), params: ['p'.repeat(4000)] },
    },
  ];
}

describe('hostile events over HTTP', () => {
  let server: TestServer;
  let otherUrl: string;
  let otherProjectId: number;
  before(async () => {
    server = await startTestServer();
    const other = await server.store.createProject('other');
    const key = await server.store.createKey(other.id);
    otherProjectId = other.id;
    otherUrl = `${server.url}/api/${other.id}/envelope/${authQuery(key.publicKey)}`;
  });
  after(async () => {
    await server?.stop();
  });

  async function send(url: string, event: Record<string, unknown>): Promise<void> {
    const response = await post(url, eventEnvelope(event));
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }

  /** Milliseconds from posting `events` until another project's normal event is stored. */
  async function timeUntilOthersStored(events: Array<Record<string, unknown>>): Promise<number> {
    const started = performance.now();
    for (const event of events)
      await send(`${server.envelopeUrl}${authQuery(server.publicKey)}`, event);
    const normalId = newEventId();
    await send(otherUrl, nodeErrorEvent(normalId));
    await server.idle();
    const elapsed = performance.now() - started;
    const stored = await server.store.getEvent(otherProjectId, normalId);
    assert.ok(stored !== undefined, 'the normal event is stored');
    for (const event of events) {
      const hostile = await server.store.getEvent(server.projectId, String(event['event_id']));
      assert.ok(hostile !== undefined, 'an acknowledged event is stored, however shaped');
    }
    return elapsed;
  }

  it('digests a normal event right after them, and stores them too', async () => {
    await timeUntilOthersStored(eventsShaped(false)); // warm up the server's code paths
    const benign = eventsShaped(false);
    const benignMs = await timeUntilOthersStored(benign);
    const hostile = eventsShaped(true);
    const hostileMs = await timeUntilOthersStored(hostile);
    assert.ok(
      hostileMs < benignMs * 10,
      `after the hostile events ${hostileMs.toFixed(0)} ms, after benign ones of the same sizes ${benignMs.toFixed(0)} ms`,
    );

    const cards = await server.store.getEvent(server.projectId, String(hostile[0]!['event_id']));
    const headers = (cards!.event['request'] as { headers: Record<string, string> }).headers;
    assert.equal(Object.keys(headers).length, HEADERS);
    for (const value of Object.values(headers))
      assert.doesNotMatch(value, /4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1/);
    const template = await server.store.getEvent(server.projectId, String(hostile[1]!['event_id']));
    const logentry = template!.event['logentry'] as { formatted: string; message: string };
    assert.equal(logentry.formatted.length, 8192);
    assert.ok(logentry.formatted.startsWith('p'.repeat(4000)));
    assert.equal(logentry.message.length, 8192);
  });
});
