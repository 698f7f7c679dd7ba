import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { checkJsonShape } from '../../src/ingest/json-shape.js';
import type { JsonShape } from '../../src/ingest/json-shape.js';

const shape = (text: string, maxDepth = 5) => checkJsonShape(Buffer.from(text), maxDepth);

describe('checkJsonShape', () => {
  it('accepts objects, with whitespace around them', () => {
    assert.equal(shape('{}'), 'object');
    assert.equal(shape(' \n{"a": [1, {"b": null}]}\n '), 'object');
    assert.equal(
      shape('{"n": [-0, 0.5, 1e5, 1E+5, -2.5e-3, 10], "t": true, "f": false}'),
      'object',
    );
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    assert.equal(
      shape('{"a": "}}]]{{[[", "b": "quote \\" still inside {", "c": "\\\\"}'),
      'object',
    );
    assert.equal(shape(`{"a": "${'['.repeat(100)}"}`), 'object');
  });

  it('accepts every escape JSON.parse does, lone surrogates included', () => {
    assert.equal(shape('{"a": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD800\\udc00x"}'), 'object');
  });

  it('refuses what is not an object', () => {
    for (const text of ['[]', '"text"', '42', 'null', 'true'])
      assert.equal(shape(text), 'not_object', text);
  });

  it('refuses unbalanced or trailing content and empty input', () => {
    for (const text of ['', '   ', '{', '{"a": [}', '{"a": "unterminated}', '{} {}', '{}x']) {
      assert.equal(shape(text), 'invalid', JSON.stringify(text));
    }
  });

  it('refuses invalid JSON whose brackets balance', () => {
    const invalid = [
      '{"message" "x"}',
      '{"a": "raw\ttab"}',
      '{"a": "raw\nnewline"}',
      '{"a": "\u0000"}',
      '{"a": "\\x"}',
      '{"a": "\\u12"}',
      '{"a": "\\u12g4"}',
      '{"a": 1,}',
      '{"a": [1, 2,]}',
      '{"a": NaN}',
      '{"a": Infinity}',
      '{"a": 01}',
      '{"a": 1.}',
      '{"a": .5}',
      '{"a": 1e}',
      '{"a": +1}',
      '{"a": -}',
      '{"a": tru}',
      '{"a": nul}',
      '{"a": True}',
      "{'a': 1}",
      '{a: 1}',
      '{"a": 1 "b": 2}',
      '{"a": 1}{"b": 2}',
      '{"a": [1 2]}',
      '{"a": ]',
      '{"a": [}]',
      '{,}',
      '{"a":}',
      '{"a" : 1 :}',
      '\ufeff{}',
    ];
    for (const text of invalid) {
      assert.throws(() => JSON.parse(text), `JSON.parse accepts ${JSON.stringify(text)}`);
      assert.notEqual(shape(text, 10), 'object', JSON.stringify(text));
    }
  });

  it('counts depth across objects and arrays and stops at the limit', () => {
    assert.equal(shape('{"a":{"b":{"c":{"d":[1]}}}}'), 'object'); // depth 5
    assert.equal(shape('{"a":{"b":{"c":{"d":[[1]]}}}}'), 'too_deep'); // depth 6
    assert.equal(checkJsonShape(Buffer.from(`{"a":${'['.repeat(100_000)}`), 256), 'too_deep');
    assert.equal(checkJsonShape(Buffer.from(`{"a":${'[{"b":'.repeat(600)}`), 2000), 'invalid');
  });

  it('agrees with JSON.parse on generated and mutated inputs', () => {
    const random = seededRandom(13);
    let compared = 0;
    let valid = 0;
    for (let round = 0; round < 4000; round++) {
      const text = generateObjectText(random);
      for (const candidate of [text, ...mutations(text, random, 6)]) {
        const bytes = Buffer.from(candidate, 'latin1');
        if (!isUtf8(bytes)) continue;
        const expected = parseShape(bytes);
        const actual = checkJsonShape(bytes, 1000);
        const startsWithBrace = bytes.toString('utf8').trimStart().startsWith('{');
        const message = `input ${JSON.stringify(bytes.toString('utf8'))}: JSON.parse says ${expected}, the validator ${actual}`;
        if (startsWithBrace) assert.equal(actual, expected, message);
        else assert.ok(actual !== 'object' && expected !== 'object', message);
        compared++;
        if (expected === 'object') valid++;
      }
    }
    // The mutations must produce both outcomes in bulk for the comparison to mean anything.
    assert.ok(compared > 20_000, `compared ${compared}`);
    assert.ok(valid > 4000 && compared - valid > 10_000, `${valid} valid of ${compared}`);
  });

  it('costs time linear in the input, whatever its shape', () => {
    const shapes = [
      (n: number) => `{"a":"${'\\u00e9'.repeat(n)}"}`,
      (n: number) => `{"a":[${'1.5e3,'.repeat(n)}0]}`,
      (n: number) => `{"a":[${'{"b":[]},'.repeat(n)}{}]}`,
    ];
    for (const make of shapes) {
      const small = Buffer.from(make(20_000));
      const large = Buffer.from(make(200_000));
      assert.equal(checkJsonShape(small, 256), 'object');
      const ratio =
        bestOf(5, () => checkJsonShape(large, 256)) / bestOf(5, () => checkJsonShape(small, 256));
      assert.ok(ratio < 30, `10x the input cost ${ratio.toFixed(1)}x the time`);
    }
  });
});

function parseShape(bytes: Buffer): JsonShape {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'invalid';
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? 'object'
    : 'not_object';
}

function bestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - started));
  }
  return Math.max(best, 1);
}

type Random = () => number;

/** mulberry32: a small seeded generator, so a failure reproduces. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

const WHITESPACE = ['', '', '', ' ', '\n', '\t', '\r\n', '  '];
const NUMBERS = [
  '0',
  '-0',
  '1',
  '-12',
  '3.25',
  '1e5',
  '1E+5',
  '2.5e-3',
  '-0.0e0',
  '123456789012345678901234567890',
  '1e400',
];
const STRING_PARTS = [
  'a',
  'é',
  '€',
  '😀',
  ' ',
  '\\"',
  '\\\\',
  '\\/',
  '\\b',
  '\\f',
  '\\n',
  '\\r',
  '\\t',
  '\\u0041',
  '\\uD83D\\uDE00',
  '\\ud800',
  '\\uDFFF',
  '{',
  ']',
  ',',
  ':',
];

function generateString(random: Random): string {
  let text = '"';
  const parts = Math.floor(random() * 5);
  for (let i = 0; i < parts; i++) text += pick(random, STRING_PARTS);
  return `${text}"`;
}

function generateValue(random: Random, depth: number): string {
  const ws = () => pick(random, WHITESPACE);
  const kind = depth > 6 ? Math.floor(random() * 4) : Math.floor(random() * 6);
  switch (kind) {
    case 0:
      return pick(random, NUMBERS);
    case 1:
      return generateString(random);
    case 2:
      return pick(random, ['true', 'false', 'null']);
    case 3:
      return generateString(random);
    case 4: {
      const items = Array.from(
        { length: Math.floor(random() * 4) },
        () => ws() + generateValue(random, depth + 1) + ws(),
      );
      return `[${items.join(',') || ws()}]`;
    }
    default:
      return generateObject(random, depth + 1);
  }
}

function generateObject(random: Random, depth: number): string {
  const ws = () => pick(random, WHITESPACE);
  const members = Array.from(
    { length: Math.floor(random() * 4) },
    () => `${ws()}${generateString(random)}${ws()}:${ws()}${generateValue(random, depth)}${ws()}`,
  );
  return `{${members.join(',') || ws()}}`;
}

/** An object's text, as latin1 code units so mutations work on its UTF-8 bytes. */
function generateObjectText(random: Random): string {
  return Buffer.from(
    pick(random, WHITESPACE) + generateObject(random, 0) + pick(random, WHITESPACE),
  ).toString('latin1');
}

const INSERTABLE = [
  ...'{}[],:"\\ \t\n0123456789.eE+-tfnulrsaxNI/\'',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
];

function mutations(text: string, random: Random, count: number): string[] {
  const out: string[] = [];
  for (let m = 0; m < count; m++) {
    const at = Math.floor(random() * (text.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0:
        out.push(text.slice(0, at) + text.slice(at + 1));
        break;
      case 1:
        out.push(text.slice(0, at) + pick(random, INSERTABLE) + text.slice(at));
        break;
      case 2:
        out.push(text.slice(0, at) + pick(random, INSERTABLE) + text.slice(at + 1));
        break;
      case 3:
        out.push(text.slice(0, at));
        break;
      default: {
        const length = Math.floor(random() * 8);
        out.push(text.slice(0, at) + text.slice(at, at + length) + text.slice(at));
      }
    }
  }
  return out;
}
