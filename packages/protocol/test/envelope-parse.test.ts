import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvelopeError, parseEnvelope } from '../src/envelope.js';
import type { EnvelopeErrorCode } from '../src/envelope.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Joins text (as UTF-8) and raw bytes into one body. */
function body(...parts: Array<string | number[]>): Uint8Array {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part),
  );
  const out = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

function rejects(
  input: Uint8Array | string,
  code: EnvelopeErrorCode,
  message: string | RegExp,
): void {
  const bytes = typeof input === 'string' ? body(input) : input;
  assert.throws(
    () => parseEnvelope(bytes),
    (error: unknown) => {
      assert.ok(error instanceof EnvelopeError, String(error));
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'EnvelopeError');
      assert.equal(error.code, code);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

// Abbreviated from a real @sentry/node 11 capture: no item length, no final newline.
const NODE_HEADER =
  '{"event_id":"14253bd82afb47f7ba2426ffb9103915","sent_at":"2026-11-25T06:41:06.568Z","sdk":{"name":"sentry.javascript.node","version":"11.12.0"},"trace":{"environment":"production","release":"shop@2.3.1","public_key":"abc123","trace_id":"466e781fc6d54e879ffa3dc8c7ca724a","sampled":"false","sample_rate":"0"}}';
const NODE_EVENT =
  '{"exception":{"values":[{"type":"Error","value":"cart 981 not found","stacktrace":{"frames":[{"filename":"/app/scenarios.mjs","module":"scenarios","function":"loadCart","lineno":7,"colno":35,"in_app":true,"context_line":"function loadCart(id) { const e = new Error(`cart ${id} not found`); throw e; }"}]},"mechanism":{"type":"auto.http.express","handled":false,"exception_id":0}}]},"event_id":"14253bd82afb47f7ba2426ffb9103915","level":"error","platform":"node","server_name":"web-1","timestamp":1795588866.567,"environment":"production","release":"shop@2.3.1","sdk":{"name":"sentry.javascript.node","version":"11.12.0"},"tags":{"feature":"checkout"},"user":{"id":"u-17","email":"ann@example.com"},"breadcrumbs":[{"timestamp":1795588866.5,"category":"db","message":"SELECT cart","level":"info"}]}';

describe('parseEnvelope: what real SDKs send', () => {
  it('reads an @sentry/node event envelope (no length, no final newline)', () => {
    const envelope = parseEnvelope(body(`${NODE_HEADER}\n{"type":"event"}\n${NODE_EVENT}`));
    assert.equal(envelope.headers.event_id, '14253bd82afb47f7ba2426ffb9103915');
    assert.equal(envelope.headers.sent_at, '2026-11-25T06:41:06.568Z');
    assert.deepEqual(envelope.headers.sdk, { name: 'sentry.javascript.node', version: '11.12.0' });
    assert.equal(envelope.headers.trace?.['trace_id'], '466e781fc6d54e879ffa3dc8c7ca724a');
    assert.equal(envelope.items.length, 1);
    const [item] = envelope.items;
    assert.deepEqual(item?.headers, { type: 'event' });
    assert.equal(text(item!.payload), NODE_EVENT);
    assert.deepEqual(JSON.parse(text(item!.payload)), JSON.parse(NODE_EVENT));
  });

  it('reads the @sentry/node client report and sessions envelopes', () => {
    const report = parseEnvelope(
      body(
        '{}\n{"type":"client_report"}\n{"timestamp":1795588866.59,"discarded_events":[{"reason":"sample_rate","category":"span","quantity":12}]}',
      ),
    );
    assert.deepEqual(report.headers, {});
    assert.equal(report.items[0]?.headers.type, 'client_report');
    assert.deepEqual(JSON.parse(text(report.items[0]!.payload)).discarded_events, [
      { reason: 'sample_rate', category: 'span', quantity: 12 },
    ]);

    const sessions = parseEnvelope(
      body(
        '{"sent_at":"2026-11-25T06:41:06.590Z","sdk":{"name":"sentry.javascript.node","version":"11.12.0"}}\n{"type":"sessions"}\n{"aggregates":[{"started":"2026-11-25T06:41:00.000Z","exited":0,"errored":0,"crashed":4}]}',
      ),
    );
    assert.equal(sessions.headers.event_id, undefined);
    assert.equal(sessions.items[0]?.headers.type, 'sessions');
  });

  it('reads a Rust-style envelope: every item sized, payloads with newlines, final newline', () => {
    const event = '{\n  "message": "boom",\n  "level": "fatal"\n}';
    const log = 'line one\nline two\n\n';
    const envelope = parseEnvelope(
      body(
        '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","dsn":"https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42","sent_at":"2026-01-01T00:00:00Z"}\n',
        `{"type":"event","length":${encoder.encode(event).length}}\n${event}\n`,
        `{"type":"attachment","length":${log.length},"filename":"app.log","content_type":"text/plain"}\n${log}\n`,
      ),
    );
    assert.equal(envelope.headers.dsn, 'https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42');
    assert.equal(envelope.items.length, 2);
    assert.deepEqual(JSON.parse(text(envelope.items[0]!.payload)), {
      message: 'boom',
      level: 'fatal',
    });
    assert.equal(text(envelope.items[1]!.payload), log);
    assert.deepEqual(envelope.items[1]!.headers, {
      type: 'attachment',
      length: log.length,
      filename: 'app.log',
      content_type: 'text/plain',
    });
  });

  it('counts length in bytes, not characters', () => {
    const payload = '{"message":"héllo ✓ 🎉"}';
    const size = encoder.encode(payload).length;
    assert.notEqual(size, payload.length);
    const envelope = parseEnvelope(body(`{}\n{"type":"event","length":${size}}\n${payload}\n`));
    assert.equal(text(envelope.items[0]!.payload), payload);
  });

  it('reads a binary attachment with 0x0a, 0x00 and invalid UTF-8 bytes in it', () => {
    const bytes = [0x00, 0x0a, 0xff, 0x0a, 0x0a, 0xfe, 0x0d, 0x0a];
    const envelope = parseEnvelope(
      body(
        '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n{"type":"event"}\n{"message":"x"}\n',
        `{"type":"attachment","length":${bytes.length},"filename":"core.dmp","content_type":"application/octet-stream","attachment_type":"event.minidump"}\n`,
        bytes,
        '\n{"type":"attachment","length":1,"filename":"b"}\n',
        [0x0a],
      ),
    );
    assert.equal(envelope.items.length, 3);
    assert.deepEqual([...envelope.items[1]!.payload], bytes);
    assert.equal(envelope.items[1]!.headers.attachment_type, 'event.minidump');
    assert.deepEqual([...envelope.items[2]!.payload], [0x0a]);
  });

  it('mixes sized and unsized items', () => {
    const envelope = parseEnvelope(
      body(
        '{}\n{"type":"a","length":3}\nx\ny\n{"type":"b"}\nrest of line\n{"type":"c","length":2}\nzz',
      ),
    );
    assert.deepEqual(
      envelope.items.map((item) => [item.headers.type, text(item.payload)]),
      [
        ['a', 'x\ny'],
        ['b', 'rest of line'],
        ['c', 'zz'],
      ],
    );
  });

  it('keeps unknown item types for the server to skip', () => {
    const envelope = parseEnvelope(
      body('{}\n{"type":"invalid_unknown","x":1}\nhelloworld\n{"type":"event"}\n{}'),
    );
    assert.deepEqual(envelope.items[0]?.headers, { type: 'invalid_unknown', x: 1 });
    assert.equal(text(envelope.items[0]!.payload), 'helloworld');
    assert.equal(envelope.items[1]?.headers.type, 'event');
  });

  it('keeps unknown envelope header keys', () => {
    const envelope = parseEnvelope(body('{"event_id":"a","retention":90,"origin":"http://x/"}'));
    assert.deepEqual(envelope.headers, { event_id: 'a', retention: 90, origin: 'http://x/' });
  });
});

describe('parseEnvelope: payloads are views, not copies', () => {
  it('returns subarrays of the body', () => {
    const input = body('{}\n{"type":"event"}\n{"a":1}\n{"type":"attachment","length":2}\nab');
    const envelope = parseEnvelope(input);
    const [event, attachment] = envelope.items;
    assert.equal(event!.payload.buffer, input.buffer);
    assert.equal(event!.payload.byteOffset, '{}\n{"type":"event"}\n'.length);
    assert.equal(attachment!.payload.buffer, input.buffer);
    assert.equal(attachment!.payload.byteOffset, input.length - 2);
  });

  it('parses a body that is itself a view into a larger buffer', () => {
    const outer = body('garbage\n{"event_id":"e"}\n{"type":"event","length":2}\nhi\ntrailing junk');
    const start = outer.indexOf(0x0a) + 1;
    const end = outer.lastIndexOf(0x0a) + 1;
    const envelope = parseEnvelope(outer.subarray(start, end));
    assert.equal(envelope.headers.event_id, 'e');
    assert.equal(text(envelope.items[0]!.payload), 'hi');
  });

  it('parses a Node Buffer, as the server hands it over', () => {
    const envelope = parseEnvelope(Buffer.from('{}\n{"type":"event"}\n{"a":1}'));
    assert.equal(text(envelope.items[0]!.payload), '{"a":1}');
  });
});

describe('parseEnvelope: empty and header-only envelopes', () => {
  it('rejects an empty body: it has no header', () => {
    rejects(
      new Uint8Array(0),
      'envelope_header_invalid',
      'the body is empty: an envelope starts with a header line, at least {}',
    );
  });

  it('accepts a header alone, with or without a final newline', () => {
    assert.deepEqual(parseEnvelope(body('{}')), { headers: {}, items: [] });
    assert.deepEqual(parseEnvelope(body('{}\n')), { headers: {}, items: [] });
    assert.deepEqual(parseEnvelope(body('{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n')), {
      headers: { event_id: '9ec79c33ec9942ab8353589fcb2e04dc' },
      items: [],
    });
  });

  it('accepts a header followed only by blank lines', () => {
    assert.deepEqual(parseEnvelope(body('{}\n\n\n')), { headers: {}, items: [] });
    assert.deepEqual(parseEnvelope(body('{}\r\n\r\n')), { headers: {}, items: [] });
  });

  it('rejects a body whose first line is blank', () => {
    rejects('\n{}', 'envelope_header_invalid', 'the envelope header is an empty line');
    rejects('  \n{}', 'envelope_header_invalid', 'the envelope header is an empty line');
  });
});

describe('parseEnvelope: line ends', () => {
  it('reads a last unsized payload without final newline', () => {
    const envelope = parseEnvelope(body('{}\n{"type":"event"}\n{"a":1}'));
    assert.equal(text(envelope.items[0]!.payload), '{"a":1}');
  });

  it('reads a last sized payload without final newline', () => {
    const envelope = parseEnvelope(body('{}\n{"type":"event","length":7}\n{"a":1}'));
    assert.equal(text(envelope.items[0]!.payload), '{"a":1}');
  });

  it('tolerates blank lines after the last item', () => {
    for (const tail of ['\n\n', '\n\n\n\n', '\n \n\t\n', '\n\r\n']) {
      const envelope = parseEnvelope(body(`{}\n{"type":"event"}\n{"a":1}${tail}`));
      assert.equal(envelope.items.length, 1, JSON.stringify(tail));
      assert.equal(text(envelope.items[0]!.payload), '{"a":1}');
    }
  });

  it('tolerates blank lines between items', () => {
    const envelope = parseEnvelope(body('{}\n{"type":"a","length":1}\nx\n\n\n{"type":"b"}\ny'));
    assert.deepEqual(
      envelope.items.map((item) => text(item.payload)),
      ['x', 'y'],
    );
  });

  it('skips a long run of mixed whitespace before an item header in one pass', () => {
    // 4 MB of whitespace, as a gzip body can carry cheaply: skipped, not read as blank lines.
    const run = ' \t\r\n'.repeat(1_000_000);
    const envelope = parseEnvelope(body(`{}\n{"type":"a"}\nx\n${run}  {"type":"b"}\ny\n${run}`));
    assert.deepEqual(
      envelope.items.map((item) => [item.headers.type, text(item.payload)]),
      [
        ['a', 'x'],
        ['b', 'y'],
      ],
    );
  });

  it('gives "\\r\\n" no special meaning: "\\r" stays in an unsized payload', () => {
    const envelope = parseEnvelope(body('{"event_id":"e"}\r\n{"type":"event"}\r\n{"a":1}\r\n'));
    assert.equal(envelope.headers.event_id, 'e');
    assert.equal(envelope.items[0]?.headers.type, 'event');
    assert.equal(text(envelope.items[0]!.payload), '{"a":1}\r');
  });

  it('reads an unsized item whose payload line is empty', () => {
    const envelope = parseEnvelope(body('{}\n{"type":"a"}\n\n{"type":"b"}\nabc'));
    assert.deepEqual(
      envelope.items.map((item) => [item.headers.type, text(item.payload)]),
      [
        ['a', ''],
        ['b', 'abc'],
      ],
    );
  });

  it('reads an item header on the last line as an empty payload', () => {
    for (const input of [
      '{}\n{"type":"attachment"}',
      '{}\n{"type":"attachment"}\n',
      '{}\n{"type":"attachment","length":0}',
    ]) {
      const envelope = parseEnvelope(body(input));
      assert.equal(envelope.items.length, 1, input);
      assert.equal(envelope.items[0]!.payload.length, 0, input);
    }
  });

  it('reads items of length 0, with and without their newline', () => {
    const envelope = parseEnvelope(
      body('{}\n{"type":"attachment","length":0}\n\n{"type":"attachment","length":0}\n'),
    );
    assert.equal(envelope.items.length, 2);
    assert.ok(
      envelope.items.every((item) => item.payload.length === 0 && item.headers.length === 0),
    );
  });
});

describe('parseEnvelope: malformed headers', () => {
  it('rejects an envelope header that is not JSON', () => {
    rejects('{nope}\n', 'envelope_header_invalid', /^the envelope header is not valid JSON: /);
    rejects(
      '{"a":1} trailing\n',
      'envelope_header_invalid',
      /^the envelope header is not valid JSON: /,
    );
  });

  it('rejects an envelope header that is not an object', () => {
    rejects(
      '[]\n',
      'envelope_header_invalid',
      'the envelope header must be a JSON object, got an array',
    );
    rejects(
      '"x"',
      'envelope_header_invalid',
      'the envelope header must be a JSON object, got a string',
    );
    rejects(
      'null\n',
      'envelope_header_invalid',
      'the envelope header must be a JSON object, got null',
    );
    rejects(
      '42',
      'envelope_header_invalid',
      'the envelope header must be a JSON object, got a number',
    );
    rejects(
      'true',
      'envelope_header_invalid',
      'the envelope header must be a JSON object, got a boolean',
    );
  });

  it('rejects an envelope header that is not UTF-8', () => {
    rejects(
      body('{"event_id":"', [0xff, 0xfe], '"}'),
      'envelope_header_invalid',
      'the envelope header is not valid UTF-8',
    );
  });

  it('rejects an item header that is not JSON, naming the item', () => {
    rejects(
      '{}\n{"type":"event"}\n{}\n{"type":\n',
      'item_header_invalid',
      /^item 1: the item header is not valid JSON: /,
    );
    rejects(
      body('{}\n{"type":"', [0xc3], '"}\n'),
      'item_header_invalid',
      'item 0: the item header is not valid UTF-8',
    );
  });

  it('rejects an item header that is not an object', () => {
    rejects(
      '{}\n[{"type":"event"}]\n{}',
      'item_header_invalid',
      'item 0: the item header must be a JSON object, got an array',
    );
    rejects(
      '{}\n"event"\n{}',
      'item_header_invalid',
      'item 0: the item header must be a JSON object, got a string',
    );
  });

  it('rejects an item without type', () => {
    rejects('{}\n{"length":2}\nab', 'item_type_missing', 'item 0: the item header has no type');
    rejects('{}\n{"type":""}\n', 'item_type_missing', 'item 0: the item header has no type');
    rejects('{}\n{"type":null}\n', 'item_type_missing', 'item 0: the item header has no type');
    rejects(
      '{}\n{"type":"a"}\nx\n{"type":"b"}\ny\n{}\nz',
      'item_type_missing',
      'item 2: the item header has no type',
    );
  });

  it('rejects a type that is not a string', () => {
    rejects(
      '{}\n{"type":5}\n',
      'item_header_invalid',
      'item 0: type must be a string, got a number',
    );
    rejects(
      '{}\n{"type":["event"]}\n',
      'item_header_invalid',
      'item 0: type must be a string, got an array',
    );
  });

  it('rejects a length that is not a non-negative integer', () => {
    for (const [length, shown] of [
      ['-1', '-1'],
      ['1.5', '1.5'],
      ['"12"', '"12"'],
      ['true', 'true'],
      ['1e400', 'Infinity'],
      ['[1]', '[1]'],
      ['9007199254740993', '9007199254740992'],
    ] as const) {
      rejects(
        `{}\n{"type":"attachment","length":${length}}\nab`,
        'item_length_invalid',
        `item 0: length must be a whole number of bytes, got ${shown}`,
      );
    }
  });

  it('treats a null length as no length', () => {
    const envelope = parseEnvelope(body('{}\n{"type":"event","length":null}\n{"a":1}\n'));
    assert.deepEqual(envelope.items[0]?.headers, { type: 'event' });
    assert.equal(text(envelope.items[0]!.payload), '{"a":1}');
  });

  it('rejects a length that runs past the end of the body', () => {
    rejects(
      '{}\n{"type":"event"}\n{}\n{"type":"attachment","length":500}\n0123456789',
      'item_length_past_end',
      'item 1: length 500 runs past the end of the body (10 bytes left)',
    );
    rejects(
      '{}\n{"type":"attachment","length":1}',
      'item_length_past_end',
      'item 0: length 1 runs past the end of the body (0 bytes left)',
    );
    rejects(
      '{}\n{"type":"attachment","length":1}\n',
      'item_length_past_end',
      'item 0: length 1 runs past the end of the body (0 bytes left)',
    );
  });

  it('rejects a sized payload not followed by a newline (a wrong length)', () => {
    rejects(
      '{}\n{"type":"attachment","length":2}\nabc\n',
      'item_payload_unterminated',
      'item 0: the 2-byte payload is followed by byte 0x63, not a newline (is the length wrong?)',
    );
    // "\r\n" after a sized payload is not a newline either, as in Relay.
    rejects(
      '{}\n{"type":"a","length":2}\nab\r\n',
      'item_payload_unterminated',
      /followed by byte 0x0d/,
    );
  });

  it('checks the typed envelope header fields', () => {
    rejects(
      '{"event_id":42}',
      'envelope_header_invalid',
      'envelope header: event_id must be a string, got a number',
    );
    rejects(
      '{"dsn":{"key":"x"}}',
      'envelope_header_invalid',
      'envelope header: dsn must be a string, got an object',
    );
  });

  it('drops malformed advisory envelope header fields instead of failing', () => {
    const envelope = parseEnvelope(
      body(
        '{"event_id":"e","sent_at":1795588866,"trace":"x","sdk":{"name":7,"version":"1.0"},"extra":[1]}\n',
      ),
    );
    assert.deepEqual(envelope.headers, { event_id: 'e', sdk: { version: '1.0' }, extra: [1] });
    assert.deepEqual(parseEnvelope(body('{"sdk":"raven","trace":[1]}')).headers, {});
  });

  it('treats null envelope header fields as absent', () => {
    const envelope = parseEnvelope(
      body('{"event_id":null,"dsn":null,"sent_at":null,"sdk":null,"trace":null}'),
    );
    assert.deepEqual(envelope.headers, {});
  });

  it('checks the typed attachment fields of item headers', () => {
    rejects(
      '{}\n{"type":"attachment","filename":5}\nx',
      'item_header_invalid',
      'item 0: filename must be a string, got a number',
    );
    rejects(
      '{}\n{"type":"attachment","content_type":true}\nx',
      'item_header_invalid',
      'item 0: content_type must be a string, got a boolean',
    );
    rejects(
      '{}\n{"type":"attachment","attachment_type":[]}\nx',
      'item_header_invalid',
      'item 0: attachment_type must be a string, got an array',
    );
    const envelope = parseEnvelope(body('{}\n{"type":"attachment","filename":null}\nx'));
    assert.deepEqual(envelope.items[0]?.headers, { type: 'attachment' });
  });
});
