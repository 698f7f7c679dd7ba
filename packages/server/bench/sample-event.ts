/**
 * A ≈14 KB error event shaped like what @sentry/node 11 sends from an Express app: three chained
 * exceptions with ten frames each and context lines around them, the request, tags, user,
 * contexts and breadcrumbs. The event id and (for new issues) one in-app function name are
 * spliced in per request, so generating load costs almost nothing.
 */
const CONTEXT = [
  "const { loadCart } = require('./cart');",
  'async function handle(req, res, next) {',
  '  const id = req.params.id;',
  '  const cart = await loadCart(id);',
  '  return res.json(priceCart(cart));',
];

function frame(filename: string, module: string, fn: string, lineno: number, inApp: boolean) {
  return {
    filename,
    module,
    function: fn,
    lineno,
    colno: 17,
    in_app: inApp,
    // @sentry/node reads context lines for every frame with a file (not for node: internals).
    ...(!filename.startsWith('node:')
      ? {
          pre_context: CONTEXT.slice(0, 5),
          context_line: '    throw new Error(`cart ${id} not found`);',
          post_context: CONTEXT.slice(0, 5),
        }
      : {}),
  };
}

function frames(inAppFunction: string) {
  const library = [
    ['/app/node_modules/router/lib/layer.js', 'router.lib:layer', 'Layer.handleRequest'],
    ['/app/node_modules/router/lib/route.js', 'router.lib:route', 'next'],
    ['node:diagnostics_channel', 'node:diagnostics_channel', 'Channel.runStores'],
    ['node:diagnostics_channel', 'node:diagnostics_channel', 'run'],
    ['node:async_hooks', 'node:async_hooks', 'AsyncLocalStorage.run'],
    ['/app/node_modules/router/lib/layer.js', 'router.lib:layer', 'Layer.handleError'],
  ] as const;
  return [
    ...library.map(([file, module, fn], i) => frame(file, module, fn, 100 + i, false)),
    frame('/app/src/routes/checkout.js', 'routes:checkout', 'handle', 31, true),
    frame('/app/src/services/pricing.js', 'services:pricing', 'priceCart', 58, true),
    frame('/app/src/services/cart.js', 'services:cart', inAppFunction, 12, true),
  ];
}

const NEW_ISSUE_MARKER = '__FUNCTION__';
const EVENT_ID_MARKER = '__EVENT_ID__';

function sampleEvent() {
  return {
    event_id: EVENT_ID_MARKER,
    timestamp: 0,
    platform: 'node',
    level: 'error',
    server_name: 'web-1',
    environment: 'production',
    release: 'shop@2.3.1',
    transaction: 'GET /checkout/:id',
    tags: { feature: 'checkout', region: 'eu-west-1' },
    user: { id: 'u-17', email: 'ann@example.com', ip_address: '10.0.0.17' },
    exception: {
      values: [
        {
          type: 'Error',
          value: 'cart 981 not found',
          stacktrace: { frames: frames(NEW_ISSUE_MARKER) },
          mechanism: {
            type: 'chained',
            handled: true,
            source: 'cause',
            exception_id: 2,
            parent_id: 1,
          },
        },
        {
          type: 'Error',
          value: 'could not price cart',
          stacktrace: { frames: frames('priceCart') },
          mechanism: {
            type: 'chained',
            handled: true,
            source: 'cause',
            exception_id: 1,
            parent_id: 0,
          },
        },
        {
          type: 'Error',
          value: 'checkout failed',
          stacktrace: { frames: frames('checkout') },
          mechanism: { type: 'auto.http.express', handled: false, exception_id: 0 },
        },
      ],
    },
    request: {
      method: 'GET',
      url: 'http://shop.example/checkout/981',
      query_string: 'coupon=SPRING',
      headers: {
        host: 'shop.example',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
        accept: '*/*',
        'accept-language': 'en',
      },
    },
    contexts: {
      runtime: { name: 'node', version: 'v20.20.2' },
      os: { kernel_version: '6.1.0', name: 'Linux', version: '6.1.0' },
      app: { app_start_time: '2026-11-25T06:00:00.000Z', app_memory: 81_234_944 },
      trace: { trace_id: '466e781fc6d54e879ffa3dc8c7ca724a', span_id: '89ccffb9cb3adee7' },
    },
    breadcrumbs: {
      values: Array.from({ length: 8 }, (_, i) => ({
        timestamp: 1_700_000_000 + i,
        category: 'db',
        message: `SELECT * FROM carts WHERE id = ${i}`,
        level: 'info',
      })),
    },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
  };
}

/** Envelope bodies for an event id and its deepest in-app function (vary it to open new issues). */
export function makeEnvelopeFactory(): {
  body(eventId: string, functionName: string): Buffer;
  size: number;
} {
  const json = JSON.stringify(sampleEvent()).replace(
    '"timestamp":0',
    `"timestamp":${Date.now() / 1000}`,
  );
  const [beforeId, afterId] = json.split(EVENT_ID_MARKER) as [string, string];
  const [middle, tail] = afterId.split(NEW_ISSUE_MARKER) as [string, string];
  const size = Buffer.byteLength(json);
  return {
    size,
    body(eventId, functionName) {
      return Buffer.from(
        `{"event_id":"${eventId}"}\n{"type":"event"}\n${beforeId}${eventId}${middle}${functionName}${tail}\n`,
      );
    },
  };
}
