import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeEvent } from '../../src/digest/summarize.js';
import { eventWith } from '../helpers/event-with.js';

describe('summarizeEvent', () => {
  it('titles a chain by its outermost exception, the last one, and finds its culprit', () => {
    const summary = summarizeEvent(
      eventWith({
        transaction: 'GET /checkout/:id',
        exception: {
          values: [
            {
              type: 'Error',
              value: 'cart 981 not found',
              stacktrace: { frames: [{ module: 'scenarios', function: 'loadCart', in_app: true }] },
            },
            {
              type: 'CheckoutError',
              value: 'checkout failed\n    at handler (app.js:1:1)',
              stacktrace: {
                frames: [
                  { module: 'router.lib:layer', function: 'handle', in_app: false },
                  { module: 'app.routes', function: 'checkout', in_app: true },
                  { module: 'app.util', function: 'wrap', in_app: false },
                ],
              },
            },
          ],
        },
      }),
    );
    assert.deepEqual(summary, {
      title: 'CheckoutError: checkout failed',
      culprit: 'app.routes in checkout',
      type: 'CheckoutError',
      value: 'checkout failed\n    at handler (app.js:1:1)',
    });
  });

  it('prefers the root of an exception group (exception_id 0)', () => {
    const summary = summarizeEvent(
      eventWith({
        exception: {
          values: [
            {
              type: 'AggregateError',
              value: 'fan-out failed',
              mechanism: { type: 'generic', exception_id: 0 },
            },
            {
              type: 'RangeError',
              value: 'shard 1',
              mechanism: { type: 'chained', exception_id: 1, parent_id: 0 },
            },
          ],
        },
      }),
    );
    assert.equal(summary.title, 'AggregateError: fan-out failed');
  });

  it('uses the newest frame when none is in app, with `?` for an anonymous function', () => {
    const summary = summarizeEvent(
      eventWith({
        exception: {
          values: [
            {
              type: 'Error',
              stacktrace: {
                frames: [{ filename: 'lib/a.js', function: 'x' }, { filename: 'lib/b.js' }],
              },
            },
          ],
        },
      }),
    );
    assert.equal(summary.culprit, 'lib/b.js in ?');
  });

  it('names a native frame by its function alone, and falls back to the crashed thread', () => {
    const summary = summarizeEvent(
      eventWith({
        exception: { values: [{ type: 'SIGSEGV', value: 'Segfault' }] },
        threads: {
          values: [
            { id: 1, stacktrace: { frames: [{ function: 'idle' }] } },
            {
              id: 2,
              crashed: true,
              stacktrace: { frames: [{ function: 'crash_here', in_app: true }] },
            },
          ],
        },
      }),
    );
    assert.deepEqual(summary, {
      title: 'SIGSEGV: Segfault',
      culprit: 'crash_here',
      type: 'SIGSEGV',
      value: 'Segfault',
    });
  });

  it('finds the culprit of a message with a lone stack trace in the current thread', () => {
    // raven-python sent `sentry.interfaces.Stacktrace` beside a message; normalize makes it the
    // current thread's stack.
    const summary = summarizeEvent(
      eventWith({
        logentry: { formatted: 'cache warmup failed' },
        threads: {
          values: [
            {
              current: true,
              stacktrace: {
                frames: [
                  { module: 'app.main', function: 'run', in_app: true },
                  { module: 'app.cache', function: 'warm', in_app: true },
                  { module: 'redis.client', function: 'get', in_app: false },
                ],
              },
            },
          ],
        },
      }),
    );
    assert.equal(summary.culprit, 'app.cache in warm');
  });

  it('titles an exception without a value by its type, and one without a type by its value', () => {
    assert.equal(
      summarizeEvent(eventWith({ exception: { values: [{ type: 'ValueError' }] } })).title,
      'ValueError',
    );
    const typeless = summarizeEvent(
      eventWith({
        logentry: { formatted: 'cache warmup took 12043 ms' },
        exception: {
          values: [
            {
              value: 'cache warmup took 12043 ms',
              mechanism: { type: 'generic', synthetic: true },
            },
          ],
        },
      }),
    );
    assert.equal(typeless.title, 'cache warmup took 12043 ms');
    assert.equal(typeless.type, undefined);
  });

  it('titles a message event by the first line of its message, culprit from the transaction', () => {
    const summary = summarizeEvent(
      eventWith({
        logentry: { message: 'job %s failed', formatted: '\njob 7 failed\ndetails…' },
        transaction: 'jobs.run',
      }),
    );
    assert.deepEqual(summary, { title: 'job 7 failed', culprit: 'jobs.run' });
    assert.equal(
      summarizeEvent(eventWith({ logentry: { message: 'only a template' } })).title,
      'only a template',
    );
  });

  it('titles an event whose exception list is empty as unlabeled, with an empty culprit', () => {
    assert.deepEqual(summarizeEvent(eventWith({ exception: { values: [] } })), {
      title: '<unlabeled event>',
      culprit: '',
    });
    assert.deepEqual(
      summarizeEvent(
        eventWith({ exception: { values: [{ stacktrace: { frames: [{ function: 'f' }] } }] } }),
      ),
      {
        title: '<unlabeled event>',
        culprit: 'f',
      },
    );
  });

  it('titles security reports without a message the way Sentry does', () => {
    const csp = (report: Record<string, unknown>) =>
      summarizeEvent(eventWith({ csp: report })).title;
    assert.equal(
      csp({ effective_directive: 'script-src', blocked_uri: 'https://evil.example.org/x.js' }),
      "Blocked 'script' from 'evil.example.org'",
    );
    assert.equal(
      csp({ violated_directive: "img-src 'self'", blocked_uri: 'data' }),
      "Blocked 'image' from 'data'",
    );
    assert.equal(
      csp({ effective_directive: 'script-src', blocked_uri: 'inline' }),
      "Blocked unsafe inline 'script'",
    );
    assert.equal(
      summarizeEvent(eventWith({ hpkp: { hostname: 'example.com' } })).title,
      "Public key pinning validation failed for 'example.com'",
    );
    assert.equal(
      summarizeEvent(eventWith({ expectct: { hostname: 'example.com' } })).title,
      "Expect-CT failed for 'example.com'",
    );
  });

  it('keeps titles and culprits within 200 characters', () => {
    const summary = summarizeEvent(
      eventWith({
        exception: {
          values: [
            {
              type: 'Error',
              value: 'v'.repeat(500),
              stacktrace: { frames: [{ module: 'm'.repeat(300), function: 'f', in_app: true }] },
            },
          ],
        },
      }),
    );
    assert.equal(summary.title.length, 200);
    assert.ok(summary.title.endsWith('…'));
    assert.equal(summary.culprit.length, 200);
  });
});
