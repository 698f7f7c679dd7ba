import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEnvelope } from '@faultline/protocol';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';
import { runFixture } from './helpers/run-fixture.js';

// The shape of what @sentry/node 11.12.0 sent for the same Express error (a three-level cause
// chain thrown in GET /checkout/:id), copied from shared/corpus/captures/sentry-node-11/01.body:
// every top-level field and its JSON type.
const SENTRY_NODE_11_ENVELOPE_HEADER = {
  event_id: 'string',
  sent_at: 'string',
  sdk: 'object',
  trace: 'object',
};
const SENTRY_NODE_11_EVENT = {
  breadcrumbs: 'array',
  contexts: 'object',
  environment: 'string',
  event_id: 'string',
  exception: 'object',
  level: 'string',
  modules: 'object',
  platform: 'string',
  release: 'string',
  request: 'object',
  sdk: 'object',
  server_name: 'string',
  tags: 'object',
  timestamp: 'number',
  transaction: 'string',
  user: 'object',
};
const SENTRY_NODE_11_CONTEXTS = ['app', 'culture', 'device', 'os', 'runtime', 'trace'];
const SENTRY_NODE_11_FRAME = {
  filename: 'string',
  module: 'string',
  function: 'string',
  lineno: 'number',
  colno: 'number',
  in_app: 'boolean',
  pre_context: 'array',
  context_line: 'string',
  post_context: 'array',
};
const SENTRY_NODE_11_SDK = {
  name: 'string',
  version: 'string',
  integrations: 'array',
  packages: 'array',
};

function typesOf(value: Record<string, unknown>): Record<string, string> {
  const types: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    types[key] = Array.isArray(field) ? 'array' : field === null ? 'null' : typeof field;
  }
  return types;
}

type Json = Record<string, any>;

test('our envelope for an Express error parses and has @sentry/node 11 fields and types', async () => {
  const capture = await startCaptureServer();
  try {
    const run = await runFixture('express-app.mjs', capture.dsn);
    assert.equal(run.code, 0, run.stderr);
    const request = capture.requests.find((candidate) =>
      candidate.envelope.items.some((item) => item.headers.type === 'event'),
    );
    assert.ok(request !== undefined);
    // Parsed again from the raw bytes, as the server will.
    const envelope = parseEnvelope(request.body);
    assert.deepEqual(typesOf(envelope.headers), SENTRY_NODE_11_ENVELOPE_HEADER);
    assert.equal(envelope.items[0]?.headers.type, 'event');
    const event = itemJson(envelope, 'event') as Json;
    assert.equal(envelope.headers.event_id, event['event_id']);
    assert.deepEqual(typesOf(event), SENTRY_NODE_11_EVENT);
    assert.match(event['event_id'], /^[0-9a-f]{32}$/);
    assert.equal(event['platform'], 'node');
    assert.deepEqual(Object.keys(event['contexts']).sort(), SENTRY_NODE_11_CONTEXTS);
    assert.deepEqual(typesOf(event['sdk']), SENTRY_NODE_11_SDK);
    for (const value of event['exception'].values as Json[]) {
      assert.deepEqual(Object.keys(value).sort(), ['mechanism', 'stacktrace', 'type', 'value']);
      const inApp = (value['stacktrace'].frames as Json[]).find((frame) => frame['in_app']);
      assert.deepEqual(typesOf(inApp!), SENTRY_NODE_11_FRAME);
    }
  } finally {
    await capture.close();
  }
});
