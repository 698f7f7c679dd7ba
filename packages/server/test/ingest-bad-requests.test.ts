/**
 * Every malformed or hostile request gets its precise status and error code, and the server
 * goes on serving: after the whole table, a valid event is still accepted and digested.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import {
  authQuery,
  envelope,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from './helpers/envelopes.js';
import { startTestServer } from './helpers/test-server.js';
import type { TestServer } from './helpers/test-server.js';

interface BadRequest {
  name: string;
  status: number;
  code: string;
  /** A fragment the message must contain, so the client learns what was wrong. */
  says: string;
  send: (server: TestServer) => Promise<{ status: number; body: Record<string, unknown> }>;
}

const deepJson = (levels: number) => `{"a":${'['.repeat(levels)}${']'.repeat(levels)}}`;

function eventItem(payload: string | Uint8Array, headers: Record<string, unknown> = {}) {
  return envelope({ event_id: newEventId(), ...headers }, [
    { headers: { type: 'event' }, payload },
  ]);
}

const TABLE: BadRequest[] = [
  {
    name: 'broken envelope header',
    status: 400,
    code: 'envelope_invalid',
    says: 'header',
    send: (s) =>
      post(s.envelopeUrl + authQuery(s.publicKey), '{"event_id": "abc\n{"type":"event"}\n{}\n'),
  },
  {
    name: 'item length past the end of the body',
    status: 400,
    code: 'envelope_invalid',
    says: 'past the end',
    send: (s) =>
      post(
        s.envelopeUrl + authQuery(s.publicKey),
        `{"event_id":"${newEventId()}"}\n{"type":"event","length":5000}\n{}\n`,
      ),
  },
  {
    name: 'unknown project',
    status: 403,
    code: 'project_unknown',
    says: 'project 999 does not exist',
    send: (s) =>
      post(
        `${s.url}/api/999/envelope/${authQuery(s.publicKey)}`,
        eventEnvelope(nodeErrorEvent(newEventId())),
      ),
  },
  {
    name: 'wrong key',
    status: 401,
    code: 'key_unknown',
    says: 'unknown sentry_key',
    send: (s) =>
      post(
        s.envelopeUrl + authQuery('0123456789abcdef0123456789abcdef'),
        eventEnvelope(nodeErrorEvent(newEventId())),
      ),
  },
  {
    name: 'a key of another project',
    status: 403,
    code: 'key_project_mismatch',
    says: 'does not belong to project',
    send: async (s) => {
      const other = await s.store.createProject('other');
      const key = await s.store.createKey(other.id);
      return post(
        s.envelopeUrl + authQuery(key.publicKey),
        eventEnvelope(nodeErrorEvent(newEventId())),
      );
    },
  },
  {
    name: 'no key at all',
    status: 401,
    code: 'auth_missing',
    says: 'no sentry_key',
    send: (s) => post(s.envelopeUrl, eventEnvelope(nodeErrorEvent(newEventId()))),
  },
  {
    name: 'a malformed X-Sentry-Auth header',
    status: 401,
    code: 'auth_header_invalid',
    says: 'X-Sentry-Auth',
    send: (s) =>
      post(s.envelopeUrl, eventEnvelope(nodeErrorEvent(newEventId())), {
        'x-sentry-auth': 'Bearer nope',
      }),
  },
  {
    name: 'a project id that is not a number',
    status: 400,
    code: 'project_id_invalid',
    says: 'not a number',
    send: (s) => post(`${s.url}/api/abc/envelope/${authQuery(s.publicKey)}`, '{}'),
  },
  {
    name: 'a gzip bomb (a few KB expanding past the cap)',
    status: 413,
    code: 'decompressed_too_large',
    says: 'decompresses to more than',
    send: (s) => {
      const bomb = gzipSync(Buffer.alloc(21 * 1024 * 1024), { level: 9 });
      assert.ok(bomb.length < 64 * 1024, `bomb is ${bomb.length} bytes`);
      return post(s.envelopeUrl + authQuery(s.publicKey), bomb, { 'content-encoding': 'gzip' });
    },
  },
  {
    name: 'a body that is not valid gzip',
    status: 400,
    code: 'compression_invalid',
    says: 'not valid gzip',
    send: (s) =>
      post(s.envelopeUrl + authQuery(s.publicKey), 'definitely not gzip', {
        'content-encoding': 'gzip',
      }),
  },
  {
    name: 'an unsupported Content-Encoding',
    status: 415,
    code: 'encoding_unsupported',
    says: 'not supported',
    send: (s) =>
      post(s.envelopeUrl + authQuery(s.publicKey), '{}', { 'content-encoding': 'compress' }),
  },
  {
    name: 'a body over the request limit',
    status: 413,
    code: 'body_too_large',
    says: 'over the limit',
    send: (s) =>
      post(s.envelopeUrl + authQuery(s.publicKey), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)),
  },
  {
    name: 'an event item over 1 MiB',
    status: 413,
    code: 'event_too_large',
    says: 'over the limit of 1048576 bytes',
    send: (s) =>
      post(
        s.envelopeUrl + authQuery(s.publicKey),
        eventItem(JSON.stringify({ message: 'x'.repeat(1024 * 1024) })),
      ),
  },
  {
    name: 'an event that is not valid UTF-8',
    status: 400,
    code: 'invalid_utf8',
    says: 'not valid UTF-8',
    send: (s) =>
      post(
        s.envelopeUrl + authQuery(s.publicKey),
        eventItem(
          Buffer.concat([
            Buffer.from('{"message":"'),
            Buffer.from([0xc3, 0x28, 0xff]),
            Buffer.from('"}'),
          ]),
        ),
      ),
  },
  {
    name: 'JSON nested 100,000 levels deep',
    status: 400,
    code: 'json_too_deep',
    says: 'nests deeper than 256 levels',
    send: (s) => post(s.envelopeUrl + authQuery(s.publicKey), eventItem(deepJson(100_000))),
  },
  {
    name: 'an event that is not an object',
    status: 400,
    code: 'event_not_object',
    says: 'must be a JSON object',
    send: (s) => post(s.envelopeUrl + authQuery(s.publicKey), eventItem('["not", "an", "object"]')),
  },
  {
    name: 'an event that is not JSON',
    status: 400,
    code: 'json_invalid',
    says: 'not valid JSON',
    send: (s) =>
      post(s.envelopeUrl + authQuery(s.publicKey), eventItem('{"message": "unterminated')),
  },
  {
    name: 'two event items in one envelope',
    status: 400,
    code: 'multiple_events',
    says: 'at most one event',
    send: (s) =>
      post(
        s.envelopeUrl + authQuery(s.publicKey),
        envelope({ event_id: newEventId() }, [
          { headers: { type: 'event' }, payload: '{}' },
          { headers: { type: 'event' }, payload: '{}' },
        ]),
      ),
  },
  {
    name: 'an event_id that is not hex',
    status: 400,
    code: 'event_id_invalid',
    says: 'not 32 hex digits',
    send: (s) =>
      post(s.envelopeUrl + authQuery(s.publicKey), eventItem('{}', { event_id: 'not-an-id' })),
  },
  {
    name: 'a store body that is not an object',
    status: 400,
    code: 'event_not_object',
    says: 'must be a JSON object',
    send: (s) => post(s.storeUrl + authQuery(s.publicKey), '"just a string"'),
  },
  {
    name: 'an empty store body',
    status: 400,
    code: 'body_empty',
    says: 'empty',
    send: (s) => post(s.storeUrl + authQuery(s.publicKey), ''),
  },
];

describe('ingest refuses bad requests precisely', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  for (const bad of TABLE) {
    it(`${bad.name} → ${bad.status} ${bad.code}`, async () => {
      const response = await bad.send(server);
      assert.equal(response.status, bad.status, JSON.stringify(response.body));
      assert.equal(response.body['code'], bad.code);
      assert.match(
        String(response.body['detail']),
        new RegExp(bad.says.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      );
    });
  }

  it('still serves afterwards: a valid event is accepted and stored, none of the bad ones are', async () => {
    const eventId = newEventId();
    const response = await post(
      server.envelopeUrl + authQuery(server.publicKey),
      eventEnvelope(nodeErrorEvent(eventId)),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { id: eventId });
    await server.idle();
    assert.ok(await server.store.getEvent(server.projectId, eventId));
    assert.equal(await server.store.countEvents(), 1);
  });
});
