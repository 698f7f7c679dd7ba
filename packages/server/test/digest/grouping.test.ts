import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ExceptionValue, SentryEvent, StackFrame } from '@faultline/protocol';
import {
  GROUPING_VERSIONS,
  LATEST_GROUPING_VERSION,
  computeGrouping,
} from '../../src/digest/grouping/registry.js';
import type { GroupingComponent } from '../../src/digest/grouping/registry.js';
import { eventWith } from '../helpers/event-with.js';

function errorEvent(exceptions: ExceptionValue[], fields: Partial<SentryEvent> = {}): SentryEvent {
  return eventWith({ exception: { values: exceptions }, ...fields });
}

function messageEvent(message: string, template?: string): SentryEvent {
  return eventWith({
    logentry:
      template === undefined ? { formatted: message } : { message: template, formatted: message },
  });
}

/** The code path of a checkout bug, with lines and columns as one release had them. */
function checkoutFrames(shift = 0): StackFrame[] {
  return [
    { module: 'express.lib.router', function: 'handle', lineno: 280 + shift, in_app: false },
    {
      module: 'app.routes',
      function: 'checkout',
      lineno: 40 + shift,
      colno: 7 + shift,
      in_app: true,
    },
    { module: 'app.cart', function: 'loadCart', lineno: 12 + shift, colno: 11, in_app: true },
  ];
}

/** Every component of the tree, depth first. */
function componentsOf(root: GroupingComponent): GroupingComponent[] {
  return [
    root,
    ...root.values.flatMap((value) => (typeof value === 'string' ? [] : componentsOf(value))),
  ];
}

describe('grouping registry', () => {
  it('returns the version and a 32-hex hash; v2 is the latest and the default', () => {
    const event = messageEvent('hello');
    const result = computeGrouping(event);
    assert.equal(result.version, 'v2');
    assert.equal(LATEST_GROUPING_VERSION, 'v2');
    assert.deepEqual(GROUPING_VERSIONS, ['v1', 'v2']);
    assert.match(result.hash, /^[0-9a-f]{32}$/);
    assert.deepEqual(computeGrouping(event, 'v2'), result);
    assert.notEqual(computeGrouping(event, 'v1').hash, undefined);
    assert.throws(() => computeGrouping(event, 'v0'), RangeError);
    assert.throws(() => computeGrouping(event, 'toString'), RangeError);
  });
});

// What v1 promised still holds in every later version.
for (const version of GROUPING_VERSIONS)
  describe(`computeGrouping ${version}`, () => {
    const group = (event: SentryEvent) => computeGrouping(event, version);
    const hashOf = (event: SentryEvent) => group(event).hash;

    it('the same bug with different ids in the message → one hash', () => {
      const bug = (id: number) =>
        errorEvent([
          {
            type: 'Error',
            value: `cart ${id} not found`,
            stacktrace: { frames: checkoutFrames() },
          },
        ]);
      assert.equal(hashOf(bug(981)), hashOf(bug(982)));
      // Without a stack the value counts, parametrized: ids still do not split the issue.
      const bare = (id: string) =>
        errorEvent([{ type: 'NotFound', value: `cart ${id} not found` }]);
      assert.equal(hashOf(bare('981')), hashOf(bare('1024')));
      assert.notEqual(
        hashOf(bare('981')),
        hashOf(errorEvent([{ type: 'NotFound', value: 'user 7 not found' }])),
      );
    });

    it('the same code path after lines and columns shift between releases → one hash', () => {
      const release = (shift: number, fields: Partial<SentryEvent> = {}) =>
        errorEvent(
          [
            {
              type: 'TypeError',
              value: 'x is undefined',
              stacktrace: { frames: checkoutFrames(shift) },
            },
          ],
          fields,
        );
      assert.equal(
        hashOf(release(0, { release: '1.0.0' })),
        hashOf(release(17, { release: '1.1.0' })),
      );
    });

    it('the same browser code path across content-hashed bundles and CDN hosts → one hash', () => {
      const frame = (bundle: string, lineno: number): StackFrame => ({
        filename: bundle,
        abs_path: bundle,
        function: 'submitOrder',
        lineno,
        in_app: true,
      });
      const a = errorEvent([
        {
          type: 'TypeError',
          stacktrace: {
            frames: [frame('https://cdn-1.example.com/static/js/main.3f9a2c1b.js?v=1', 10)],
          },
        },
      ]);
      const b = errorEvent([
        {
          type: 'TypeError',
          stacktrace: {
            frames: [frame('https://cdn-2.example.com/static/js/main.77aa01ce.js?v=2', 12)],
          },
        },
      ]);
      assert.equal(hashOf(a), hashOf(b));
    });

    it('one error type thrown from two call sites → two hashes', () => {
      const thrownFrom = (fn: string) =>
        errorEvent([
          {
            type: 'ValidationError',
            value: 'invalid input',
            stacktrace: { frames: [{ module: 'app.api', function: fn, lineno: 10, in_app: true }] },
          },
        ]);
      assert.notEqual(hashOf(thrownFrom('createOrder')), hashOf(thrownFrom('updateProfile')));
    });

    it('tells anonymous functions apart by their source line, not their line number', () => {
      const anonymous = (line: string, lineno: number) =>
        errorEvent([
          {
            type: 'Error',
            stacktrace: {
              frames: [{ module: 'routes', context_line: line, lineno, in_app: true }],
            },
          },
        ]);
      const first = anonymous("  app.get('/a', () => { throw new Error() })", 10);
      assert.equal(
        hashOf(first),
        hashOf(anonymous("app.get('/a', () => {   throw new Error() })", 99)),
      );
      assert.notEqual(
        hashOf(first),
        hashOf(anonymous("  app.get('/b', () => { throw new Error() })", 10)),
      );
    });

    it('every exception of a chain counts, in order', () => {
      const frames = checkoutFrames();
      const cause = { type: 'DbError', value: 'timeout', stacktrace: { frames } };
      const outer = { type: 'CheckoutError', value: 'checkout failed', stacktrace: { frames } };
      const chained = hashOf(errorEvent([cause, outer]));
      assert.notEqual(chained, hashOf(errorEvent([outer])));
      assert.notEqual(chained, hashOf(errorEvent([{ ...cause, type: 'CacheError' }, outer])));
      assert.notEqual(chained, hashOf(errorEvent([outer, cause])));
    });

    it('honours custom fingerprints, expanding {{ default }} to the built-in grouping', () => {
      const a = errorEvent([{ type: 'A', value: 'a' }]);
      const b = errorEvent([{ type: 'B', value: 'b' }]);
      const withPrint = (event: SentryEvent, fingerprint: string[]) =>
        hashOf({ ...event, fingerprint });
      // A custom fingerprint alone decides: different errors, one issue.
      assert.equal(withPrint(a, ['payments-down']), withPrint(b, ['payments-down']));
      assert.notEqual(withPrint(a, ['payments-down']), withPrint(a, ['payments-slow']));
      // {{ default }} stands for what the event would have had: it splits by error again.
      assert.notEqual(withPrint(a, ['{{ default }}', 'eu']), withPrint(b, ['{{ default }}', 'eu']));
      assert.notEqual(withPrint(a, ['{{ default }}', 'eu']), withPrint(a, ['{{ default }}', 'us']));
      assert.notEqual(withPrint(a, ['{{ default }}', 'eu']), hashOf(a));
      assert.equal(withPrint(a, ['{{default}}', 'eu']), withPrint(a, ['{{ default }}', 'eu']));
      // Only {{ default }} is what several SDKs send when the app set nothing.
      assert.equal(withPrint(a, ['{{ default }}']), hashOf(a));
      assert.equal(withPrint(a, []), hashOf(a));
      const tree = group({ ...a, fingerprint: ['{{ default }}', 'eu'] }).components;
      assert.equal(tree.id, 'fingerprint');
      const [expanded, literal] = tree.values;
      assert.equal(typeof expanded === 'object' ? expanded.id : expanded, 'default');
      assert.equal(literal, 'eu');
    });

    it('a fingerprint does not collide with a message of the same text', () => {
      assert.notEqual(
        hashOf({ ...messageEvent('x'), fingerprint: ['x'] }),
        hashOf(messageEvent('x')),
      );
    });

    it('no in-app frames → all frames are used', () => {
      const library = (fn: string) =>
        errorEvent([
          {
            type: 'Error',
            stacktrace: {
              frames: [
                { module: 'lib.a', function: 'run', in_app: false },
                { module: 'lib.b', function: fn },
              ],
            },
          },
        ]);
      assert.notEqual(hashOf(library('parse')), hashOf(library('render')));
      const frames = componentsOf(group(library('parse')).components).filter(
        (c) => c.id === 'frame',
      );
      assert.equal(frames.length, 2);
      assert.ok(frames.every((frame) => frame.contributes));
      // With one in-app frame, the others stop counting.
      const mixed = (fn: string) =>
        errorEvent([
          {
            type: 'Error',
            stacktrace: {
              frames: [
                { module: 'app.main', function: 'main', in_app: true },
                { module: 'lib.b', function: fn, in_app: false },
              ],
            },
          },
        ]);
      assert.equal(hashOf(mixed('parse')), hashOf(mixed('render')));
    });

    it('message events with different numbers, uuids, emails, IPs and dates → one hash', () => {
      const a = messageEvent(
        'job 17 for ann@example.com (3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b) from 10.0.0.7 at 2026-01-01T10:00:00Z took 1.5 s',
      );
      const b = messageEvent(
        'job 942 for bob@example.org (0a0b0c0d-1111-2222-3333-444455556666) from 192.168.1.20 at 2025-06-30T23:59:59.999Z took 12.25 s',
      );
      assert.equal(hashOf(a), hashOf(b));
      assert.notEqual(hashOf(a), hashOf(messageEvent('a different message')));
    });

    it('a message event groups by its log template when it has one', () => {
      assert.equal(
        hashOf(messageEvent('user ann not found', 'user %s not found')),
        hashOf(messageEvent('user bob not found', 'user %s not found')),
      );
    });

    it("a synthetic exception's type does not count; its value does (@sentry/node captureMessage)", () => {
      const captured = (message: string) =>
        errorEvent([
          {
            value: message,
            mechanism: { type: 'generic', synthetic: true },
            stacktrace: { frames: [{ module: 'app.jobs', function: 'warmCache', in_app: true }] },
          },
        ]);
      assert.equal(
        hashOf(captured('cache warmup took 12043 ms')),
        hashOf(captured('cache warmup took 9 ms')),
      );
      assert.notEqual(
        hashOf(captured('cache warmup took 9 ms')),
        hashOf(captured('cache is cold')),
      );
    });

    it('falls back to the title when nothing else identifies the event', () => {
      const result = group(eventWith({}));
      assert.equal(result.components.id, 'title');
      assert.deepEqual(result.components.values, ['<unlabeled event>']);
    });

    it('components explain the hash: what counted, what did not and why', () => {
      const event = errorEvent([
        { type: 'Error', value: 'cart 981 not found', stacktrace: { frames: checkoutFrames() } },
      ]);
      const { components, hash } = group(event);
      assert.deepEqual(JSON.parse(JSON.stringify(components)), components, 'plain JSON');
      assert.equal(components.id, 'exception');
      assert.equal(components.contributes, true);
      const all = componentsOf(components);
      const type = all.find((c) => c.id === 'type');
      assert.deepEqual(type?.values, ['Error']);
      const value = all.find((c) => c.id === 'value');
      assert.equal(value?.contributes, false);
      assert.match(value?.hint ?? '', /ignored/);
      const frames = all.filter((c) => c.id === 'frame');
      assert.deepEqual(
        frames.map((frame) => [frame.contributes, frame.hint]),
        [
          [false, 'ignored: not in app'],
          [true, undefined],
          [true, undefined],
        ],
      );
      // Nothing below a non-contributing part claims to count.
      const ignored = frames[0];
      assert.ok(ignored !== undefined && componentsOf(ignored).every((c) => !c.contributes));
      // Line numbers are never part of it.
      assert.ok(!JSON.stringify(components).includes('lineno'));
      // The hash follows the contributing parts only: the ignored value can change freely.
      const other = errorEvent([
        {
          type: 'Error',
          value: 'something else entirely',
          stacktrace: { frames: checkoutFrames() },
        },
      ]);
      assert.equal(group(other).hash, hash);
    });
  });
