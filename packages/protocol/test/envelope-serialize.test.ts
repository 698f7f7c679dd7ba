import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvelope, serializeEnvelope } from '../src/envelope.js';
import type { Envelope } from '../src/envelope.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('serializeEnvelope', () => {
  it('writes a length on every item and a newline after the last payload', () => {
    const bytes = serializeEnvelope({
      headers: { event_id: '9ec79c33ec9942ab8353589fcb2e04dc' },
      items: [
        { headers: { type: 'event' }, payload: encoder.encode('{"message":"hi"}') },
        { headers: { type: 'attachment', filename: 'a.txt' }, payload: encoder.encode('a\nb') },
      ],
    });
    assert.equal(
      decoder.decode(bytes),
      '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n' +
        '{"type":"event","length":16}\n{"message":"hi"}\n' +
        '{"type":"attachment","filename":"a.txt","length":3}\na\nb\n',
    );
  });

  it('writes a header-only envelope as one line', () => {
    assert.equal(decoder.decode(serializeEnvelope({ headers: {}, items: [] })), '{}\n');
  });

  it('overwrites a stale length', () => {
    const bytes = serializeEnvelope({
      headers: {},
      items: [{ headers: { type: 'attachment', length: 999 }, payload: encoder.encode('abc') }],
    });
    assert.equal(decoder.decode(bytes), '{}\n{"type":"attachment","length":3}\nabc\n');
  });

  it('does not change the envelope it is given', () => {
    const headers = { type: 'event' };
    serializeEnvelope({ headers: {}, items: [{ headers, payload: encoder.encode('{}') }] });
    assert.deepEqual(headers, { type: 'event' });
  });

  it('writes only the bytes of a payload view', () => {
    const backing = encoder.encode('xxxPAYLOADyyy');
    const bytes = serializeEnvelope({
      headers: {},
      items: [{ headers: { type: 'attachment' }, payload: backing.subarray(3, 10) }],
    });
    assert.equal(decoder.decode(bytes), '{}\n{"type":"attachment","length":7}\nPAYLOAD\n');
  });

  it('keeps header lines on one line even when values contain newlines', () => {
    const bytes = serializeEnvelope({
      headers: { note: 'a\nb' },
      items: [{ headers: { type: 'attachment', filename: 'x\ny' }, payload: new Uint8Array(0) }],
    });
    assert.equal(decoder.decode(bytes).split('\n').length, 4);
    assert.equal(parseEnvelope(bytes).items[0]?.headers.filename, 'x\ny');
  });
});

describe('serializeEnvelope and parseEnvelope round-trip', () => {
  it('round-trips payloads with newlines, binary bytes and empty payloads', () => {
    const envelope: Envelope = {
      headers: {
        event_id: '9ec79c33ec9942ab8353589fcb2e04dc',
        sent_at: '2026-01-01T00:00:00.000Z',
        sdk: { name: 'faultline.node', version: '0.1.0' },
        trace: { trace_id: '466e781fc6d54e879ffa3dc8c7ca724a', public_key: 'abc' },
      },
      items: [
        { headers: { type: 'event' }, payload: encoder.encode('{\n"message": "multi\\nline"\n}') },
        {
          headers: { type: 'attachment', filename: 'core', attachment_type: 'event.minidump' },
          payload: Uint8Array.from([0x0a, 0x00, 0xff, 0x0a, 0x0d, 0x0a]),
        },
        { headers: { type: 'attachment', filename: 'empty.txt' }, payload: new Uint8Array(0) },
        { headers: { type: 'something_new', custom: { a: 1 } }, payload: encoder.encode('\n\n') },
      ],
    };
    const parsed = parseEnvelope(serializeEnvelope(envelope));
    assert.deepEqual(parsed.headers, envelope.headers);
    assert.equal(parsed.items.length, envelope.items.length);
    parsed.items.forEach((item, i) => {
      const original = envelope.items[i]!;
      assert.deepEqual(item.headers, { ...original.headers, length: original.payload.length });
      assert.deepEqual([...item.payload], [...original.payload]);
    });
  });

  it('re-serializes an unsized @sentry/node envelope into a sized one with the same content', () => {
    const input = encoder.encode(
      '{"event_id":"e"}\n{"type":"event"}\n{"a":1}\n{"type":"client_report"}\n{"b":2}',
    );
    const first = parseEnvelope(input);
    const again = parseEnvelope(serializeEnvelope(first));
    assert.deepEqual(again.headers, first.headers);
    assert.deepEqual(
      again.items.map((item) => [
        item.headers.type,
        item.headers.length,
        decoder.decode(item.payload),
      ]),
      [
        ['event', 7, '{"a":1}'],
        ['client_report', 7, '{"b":2}'],
      ],
    );
  });

  it('is stable: serializing a parsed serialization gives the same bytes', () => {
    const bytes = serializeEnvelope({
      headers: { dsn: 'https://k@h/1' },
      items: [{ headers: { type: 'attachment', length: 2 }, payload: encoder.encode('\n\n') }],
    });
    assert.deepEqual(serializeEnvelope(parseEnvelope(bytes)), bytes);
  });
});
