import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStack, parseStackLine } from '../src/parse-stack.js';

const root = { root: '/app' };

// Real V8 lines (Node 20/22, Linux and Windows), and the frame each must become.
const TABLE: Array<[string, Record<string, unknown>]> = [
  [
    '    at loadCart (/app/lib/cart.js:7:35)',
    {
      filename: '/app/lib/cart.js',
      function: 'loadCart',
      module: 'lib:cart',
      lineno: 7,
      colno: 35,
      in_app: true,
    },
  ],
  [
    '    at /app/scenarios.mjs:12:9',
    {
      filename: '/app/scenarios.mjs',
      function: '?',
      module: 'scenarios',
      lineno: 12,
      colno: 9,
      in_app: true,
    },
  ],
  [
    '    at async checkout (file:///app/routes/checkout.mjs:20:5)',
    {
      filename: '/app/routes/checkout.mjs',
      function: 'checkout',
      module: 'routes:checkout',
      lineno: 20,
      colno: 5,
      in_app: true,
    },
  ],
  [
    '    at new Cart (/app/cart.js:3:11)',
    {
      filename: '/app/cart.js',
      function: 'new Cart',
      module: 'cart',
      lineno: 3,
      colno: 11,
      in_app: true,
    },
  ],
  [
    '    at Layer.handleRequest (/app/node_modules/router/lib/layer.js:156:33)',
    {
      filename: '/app/node_modules/router/lib/layer.js',
      function: 'Layer.handleRequest',
      module: 'router.lib:layer',
      lineno: 156,
      colno: 33,
      in_app: false,
    },
  ],
  [
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    {
      filename: 'node:internal/process/task_queues',
      function: 'process.processTicksAndRejections',
      module: 'node:internal/process/task_queues',
      lineno: 95,
      colno: 5,
      in_app: false,
    },
  ],
  [
    '    at Array.map (<anonymous>)',
    { filename: '<anonymous>', function: 'Array.map', in_app: false },
  ],
  [
    '    at Array.forEach (native)',
    { filename: 'native', function: 'Array.forEach', in_app: false },
  ],
  [
    '    at async Promise.all (index 0)',
    { filename: 'index 0', function: 'Promise.all', in_app: false },
  ],
  [
    '    at eval (eval at run (/app/a.js:3:5), <anonymous>:1:1)',
    { filename: '/app/a.js', function: 'eval', module: 'a', lineno: 3, colno: 5, in_app: true },
  ],
  [
    '    at Object.<anonymous> (C:\\app\\server.js:10:15)',
    {
      filename: 'C:\\app\\server.js',
      function: 'Object.<anonymous>',
      module: 'app:server',
      lineno: 10,
      colno: 15,
      in_app: true,
    },
  ],
  [
    '    at handle (C:\\app\\node_modules\\express\\lib\\router.js:5:3)',
    {
      filename: 'C:\\app\\node_modules\\express\\lib\\router.js',
      function: 'handle',
      module: 'express.lib:router',
      lineno: 5,
      colno: 3,
      in_app: false,
    },
  ],
  [
    '    at Cart.total [as sum] (/app/cart.js:9:2)',
    {
      filename: '/app/cart.js',
      function: 'Cart.total [as sum]',
      module: 'cart',
      lineno: 9,
      colno: 2,
      in_app: true,
    },
  ],
  [
    '    at file:///app/with%20space.mjs:1:7',
    {
      filename: '/app/with space.mjs',
      function: '?',
      module: 'with space',
      lineno: 1,
      colno: 7,
      in_app: true,
    },
  ],
];

for (const [line, expected] of TABLE) {
  test(`parses ${line.trim()}`, () => {
    const frame = parseStackLine(line, root);
    assert.deepEqual(frame, expected);
  });
}

test('not frame lines are skipped, and frames come out oldest first', () => {
  const stack = [
    'Error: cart 981 not found',
    '    with a second message line',
    '    at loadCart (/app/cart.js:7:35)',
    '    at /app/routes.js:12:9',
    '    at Layer.handleRequest (/app/node_modules/router/lib/layer.js:156:33)',
  ].join('\n');
  const frames = parseStack(stack, root);
  assert.deepEqual(
    frames.map((frame) => frame.function),
    ['Layer.handleRequest', '?', 'loadCart'],
  );
});

test('inAppInclude and inAppExclude override the node_modules rule', () => {
  const line = '    at f (/app/node_modules/@acme/shared/index.js:1:1)';
  assert.equal(parseStackLine(line, { inAppInclude: ['@acme/'] })?.in_app, true);
  assert.equal(
    parseStackLine('    at f (/app/gen/x.js:1:1)', { inAppExclude: ['/gen/'] })?.in_app,
    false,
  );
});

test('a real stack from this process parses with this file in-app and last', () => {
  const error = new Error('here');
  const frames = parseStack(error.stack ?? '');
  const last = frames.at(-1);
  assert.ok(last?.filename?.endsWith('parse-stack.test.js'), String(last?.filename));
  assert.equal(last?.in_app, true);
  assert.ok(frames.some((frame) => frame.filename?.startsWith('node:') && frame.in_app === false));
});
