/**
 * Real V8 frame lines (Node 20/22, Linux and Windows), each with the frame @faultline/node must
 * make of it (module names with the app root /app). parse-stack.test.ts checks them;
 * parse-stack-vs-sentry.test.ts holds @sentry/node's parser to the same lines.
 */
export const ROOT = '/app';

export const V8_FRAME_LINES: Array<[string, Record<string, unknown>]> = [
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
    '    at file:///app/routes.mjs:43:3',
    {
      filename: '/app/routes.mjs',
      function: '?',
      module: 'routes',
      lineno: 43,
      colno: 3,
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
  // Express's `app.get('/', async (req, res) => { await …; throw … })` after its first await.
  [
    '    at async file:///app/routes.mjs:43:3',
    {
      filename: '/app/routes.mjs',
      function: '?',
      module: 'routes',
      lineno: 43,
      colno: 3,
      in_app: true,
    },
  ],
  [
    '    at async /app/routes.js:43:3',
    {
      filename: '/app/routes.js',
      function: '?',
      module: 'routes',
      lineno: 43,
      colno: 3,
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
    '    at Object.<anonymous> (/app/server.js:10:15)',
    {
      filename: '/app/server.js',
      function: 'Object.?',
      module: 'server',
      lineno: 10,
      colno: 15,
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
    '    at node:internal/main/run_main_module:28:49',
    {
      filename: 'node:internal/main/run_main_module',
      function: '?',
      module: 'node:internal/main/run_main_module',
      lineno: 28,
      colno: 49,
      in_app: false,
    },
  ],
  [
    '    at Array.map (<anonymous>)',
    { filename: '<anonymous>', function: 'Array.map', in_app: false },
  ],
  [
    '    at new Promise (<anonymous>)',
    { filename: '<anonymous>', function: 'new Promise', in_app: false },
  ],
  ['    at <anonymous>', { filename: '<anonymous>', function: '?', in_app: false }],
  [
    '    at Array.forEach (native)',
    { filename: 'native', function: 'Array.forEach', in_app: false },
  ],
  ['    at Promise.all (index 0)', { filename: 'index 0', function: 'Promise.all', in_app: false }],
  [
    '    at async Promise.all (index 0)',
    { filename: 'index 0', function: 'Promise.all', in_app: false },
  ],
  [
    '    at eval (eval at <anonymous> (/app/a.js:3:5), <anonymous>:1:1)',
    { filename: '/app/a.js', function: 'eval', module: 'a', lineno: 3, colno: 5, in_app: true },
  ],
  [
    '    at eval (eval at run (file:///app/a.mjs:3:5), <anonymous>:1:1)',
    { filename: '/app/a.mjs', function: 'eval', module: 'a', lineno: 3, colno: 5, in_app: true },
  ],
  [
    '    at eval (eval at a (eval at b (/app/a.js:3:5), <anonymous>:1:1), <anonymous>:2:2)',
    { filename: '/app/a.js', function: 'eval', module: 'a', lineno: 3, colno: 5, in_app: true },
  ],
  [
    '    at Object.<anonymous> (C:\\app\\server.js:10:15)',
    {
      filename: 'C:\\app\\server.js',
      function: 'Object.?',
      module: 'app:server',
      lineno: 10,
      colno: 15,
      in_app: true,
    },
  ],
  [
    '    at C:\\app\\x.js:1:2',
    {
      filename: 'C:\\app\\x.js',
      function: '?',
      module: 'app:x',
      lineno: 1,
      colno: 2,
      in_app: true,
    },
  ],
  [
    '    at async file:///C:/app/x.mjs:1:2',
    {
      filename: 'C:\\app\\x.mjs',
      function: '?',
      module: 'app:x',
      lineno: 1,
      colno: 2,
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
  [
    '    at run (/app/dir (copy)/a.js:4:1)',
    {
      filename: '/app/dir (copy)/a.js',
      function: 'run',
      module: 'dir (copy):a',
      lineno: 4,
      colno: 1,
      in_app: true,
    },
  ],
];
