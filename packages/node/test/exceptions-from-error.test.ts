import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exceptionsFromError } from '../src/exceptions-from-error.js';

function loadCart(): never {
  throw new Error('cart 981 not found');
}

function threeLevelChain(): Error {
  try {
    loadCart();
  } catch (error) {
    const middle = new Error('could not price cart', { cause: error });
    return new Error('checkout failed', { cause: middle });
  }
}

test('a three-level cause chain comes out oldest first, linked by mechanism', () => {
  const values = exceptionsFromError(threeLevelChain(), {
    mechanism: { type: 'auto.http.express', handled: false },
  });
  assert.deepEqual(
    values.map((value) => [value.type, value.value, value.mechanism]),
    [
      [
        'Error',
        'cart 981 not found',
        { type: 'chained', handled: true, source: 'cause', exception_id: 2, parent_id: 1 },
      ],
      [
        'Error',
        'could not price cart',
        { type: 'chained', handled: true, source: 'cause', exception_id: 1, parent_id: 0 },
      ],
      ['Error', 'checkout failed', { type: 'auto.http.express', handled: false, exception_id: 0 }],
    ],
  );
  const innermost = values[0]?.stacktrace?.frames.at(-1);
  assert.equal(innermost?.function, 'loadCart');
  assert.equal(innermost?.in_app, true);
});

test('a manual capture gets the generic mechanism', () => {
  const [value] = exceptionsFromError(new TypeError('bad'));
  assert.deepEqual(value?.mechanism, { type: 'generic', handled: true, exception_id: 0 });
  assert.equal(value?.type, 'TypeError');
});

test('AggregateError errors are an exception group, in the order @sentry/node sends', () => {
  const error = new AggregateError(
    [new RangeError('shard 1 timeout'), new TypeError('shard 2 bad reply')],
    'fan-out failed',
  );
  const values = exceptionsFromError(error, {
    mechanism: { type: 'auto.http.express', handled: false },
  });
  assert.deepEqual(
    values.map((value) => [
      value.type,
      value.mechanism?.source,
      value.mechanism?.exception_id,
      value.mechanism?.parent_id,
    ]),
    [
      ['TypeError', 'errors[1]', 2, 0],
      ['RangeError', 'errors[0]', 1, 0],
      ['AggregateError', undefined, 0, undefined],
    ],
  );
  assert.equal(values[2]?.mechanism?.is_exception_group, true);
});

test('cycles end the walk', () => {
  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  const values = exceptionsFromError(a);
  assert.deepEqual(
    values.map((value) => value.value),
    ['b', 'a'],
  );
});

test('the depth limit bounds a long chain', () => {
  let error = new Error('level 0');
  for (let level = 1; level <= 30; level += 1)
    error = new Error(`level ${level}`, { cause: error });
  const values = exceptionsFromError(error, { maxCauseDepth: 3 });
  assert.deepEqual(
    values.map((value) => value.value),
    ['level 27', 'level 28', 'level 29', 'level 30'],
  );
});

test('non-Error causes and throws still say something useful', () => {
  const values = exceptionsFromError(new Error('save failed', { cause: 'disk full' }));
  assert.deepEqual(values[0], {
    type: 'Error',
    value: 'disk full',
    mechanism: {
      type: 'chained',
      handled: true,
      source: 'cause',
      exception_id: 1,
      parent_id: 0,
      synthetic: true,
    },
  });
  assert.equal(exceptionsFromError('plain string')[0]?.value, 'plain string');
  assert.equal(exceptionsFromError(null)[0]?.value, 'null thrown as an exception');
  assert.equal(
    exceptionsFromError({ code: 'E1', detail: 'x' })[0]?.value,
    'Object captured as exception with keys: code, detail',
  );
  assert.equal(exceptionsFromError({ message: 'from an object' })[0]?.value, 'from an object');
  assert.equal(exceptionsFromError(42)[0]?.mechanism?.synthetic, true);
  // A cause of null is a value the app set, not an absent cause.
  assert.equal(exceptionsFromError(new Error('x', { cause: null })).length, 2);
});
