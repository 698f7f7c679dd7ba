/** Builders for what SDKs send, written here so tests don't depend on any outside corpus. */
import { randomUUID } from 'node:crypto';

export function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}

/** An error event shaped like @sentry/node's: a cause chain, oldest first, outermost last. */
export function nodeErrorEvent(
  eventId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const frame = (fn: string, lineno: number, inApp = true) => ({
    filename: inApp ? '/app/src/checkout.js' : '/app/node_modules/express/lib/router.js',
    module: inApp ? 'checkout' : 'express.lib:router',
    function: fn,
    lineno,
    colno: 11,
    in_app: inApp,
    context_line: `  throw new Error('${fn}');`,
    pre_context: ['function x() {'],
    post_context: ['}'],
  });
  return {
    event_id: eventId,
    timestamp: Date.now() / 1000,
    platform: 'node',
    level: 'error',
    environment: 'production',
    release: 'shop@1.0.0',
    server_name: 'web-1',
    tags: { feature: 'checkout' },
    user: { id: 'u-1', email: 'ann@example.com' },
    exception: {
      values: [
        {
          type: 'Error',
          value: 'cart 981 not found',
          stacktrace: { frames: [frame('handle', 10, false), frame('loadCart', 42)] },
          mechanism: { type: 'chained', source: 'cause', exception_id: 2, parent_id: 1 },
        },
        {
          type: 'Error',
          value: 'could not price cart',
          stacktrace: { frames: [frame('handle', 10, false), frame('priceCart', 50)] },
          mechanism: { type: 'chained', source: 'cause', exception_id: 1, parent_id: 0 },
        },
        {
          type: 'Error',
          value: 'checkout failed',
          stacktrace: { frames: [frame('handle', 10, false), frame('checkout', 60)] },
          mechanism: { type: 'auto.http.express', handled: false, exception_id: 0 },
        },
      ],
    },
    request: {
      method: 'GET',
      url: 'http://localhost/checkout/981',
      headers: { 'user-agent': 'test' },
    },
    contexts: {
      runtime: { name: 'node', version: 'v20.0.0' },
      os: { name: 'Linux', version: '6.1' },
    },
    breadcrumbs: {
      values: [{ timestamp: Date.now() / 1000, category: 'db', message: 'SELECT cart' }],
    },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
    ...overrides,
  };
}

export interface ItemSpec {
  headers: Record<string, unknown>;
  payload: string | Uint8Array;
  /** Write `length` into the item header (the Rust SDK does; @sentry/node doesn't). */
  withLength?: boolean;
}

export function envelope(headers: Record<string, unknown>, items: ItemSpec[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(headers)}\n`)];
  for (const item of items) {
    const payload =
      typeof item.payload === 'string' ? Buffer.from(item.payload) : Buffer.from(item.payload);
    const itemHeaders = item.withLength
      ? { ...item.headers, length: payload.length }
      : item.headers;
    parts.push(Buffer.from(`${JSON.stringify(itemHeaders)}\n`), payload, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

export function eventEnvelope(event: Record<string, unknown>): Buffer {
  return envelope({ event_id: event['event_id'], sent_at: new Date().toISOString() }, [
    { headers: { type: 'event' }, payload: JSON.stringify(event) },
  ]);
}

export function authQuery(publicKey: string): string {
  return `?sentry_version=7&sentry_key=${publicKey}&sentry_client=test%2F1.0`;
}

export interface PostResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function post(
  url: string,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
