/** Asserts the exception chain of a stored event: three errors linked by `cause`. */
import assert from 'node:assert/strict';

type Json = Record<string, any>;

export interface StoredChain {
  /** The messages as stored: the deepest cause first, the error the handler threw last. */
  messages: [string, string, string];
  /** `auto.http.express`, … : the mechanism of the error the handler threw. */
  mechanism: string;
  /** The in-app function that threw the deepest cause, and the source line it threw on. */
  thrower: string;
  throwLine: RegExp;
}

/** Returns the stored exception values, deepest first. */
export function assertStoredChain(event: Json | undefined, expected: StoredChain): Json[] {
  const values = event?.['exception']?.values as Json[];
  const [deepest, mid, top] = expected.messages;
  assert.deepEqual(
    values.map((value) => [value['type'], value['value'], value['mechanism']]),
    [
      [
        'Error',
        deepest,
        { type: 'chained', handled: true, source: 'cause', exception_id: 2, parent_id: 1 },
      ],
      [
        'Error',
        mid,
        { type: 'chained', handled: true, source: 'cause', exception_id: 1, parent_id: 0 },
      ],
      ['Error', top, { type: expected.mechanism, handled: false, exception_id: 0 }],
    ],
  );
  const thrower = (values[0]?.['stacktrace'].frames as Json[]).at(-1);
  assert.equal(thrower?.['function'], expected.thrower);
  assert.equal(thrower?.['in_app'], true);
  assert.match(String(thrower?.['context_line']), expected.throwLine);
  return values;
}
