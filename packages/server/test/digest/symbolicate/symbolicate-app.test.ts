/**
 * A real minified app (rolldown, Vite's bundler) with debug IDs injected as sentry-cli does, run
 * in V8, its error captured by the real @sentry/node client, its artifact bundle read by the
 * bundle reader: digest rewrites the frames to the original files, lines, enclosing functions
 * and source lines, before grouping.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent, StackFrame } from '@faultline/protocol';
import { normalizeEvent } from '../../../src/digest/normalize.js';
import { digestBatch } from '../../../src/digest/pipeline.js';
import type { DigestContext } from '../../../src/digest/pipeline.js';
import { BundleSourceMapSource } from '../../../src/digest/symbolicate/artifact-bundle/bundle-source.js';
import { Symbolicator } from '../../../src/digest/symbolicate/symbolicator.js';
import { decodeEventPayload } from '../../../src/store/payload-codec.js';
import type { ClaimedEnvelope, Project } from '../../../src/store/types.js';
import { eventEnvelope, newEventId } from '../../helpers/envelopes.js';
import {
  artifactBundleOf,
  buildMinifiedApp,
  captureWithSentryNode,
  loadMinifiedApp,
} from '../../helpers/minified-app.js';
import type { MinifiedApp, ShopApi } from '../../helpers/minified-app.js';

const URL = 'http://localhost:5173/assets/main.js';

function bundleOf(app: MinifiedApp, release?: { release?: string; dist?: string }): Buffer {
  return artifactBundleOf(app, 'assets/main.js', release);
}

/** Frames still in the minified file, oldest first. */
function minifiedFrames(frames: readonly StackFrame[]): StackFrame[] {
  return frames.filter((frame) => (frame.abs_path ?? frame.filename) === URL);
}

function summary(frame: StackFrame) {
  return {
    filename: frame.filename,
    function: frame.function,
    lineno: frame.lineno,
    in_app: frame.in_app,
    context_line: frame.context_line,
  };
}

describe('symbolicating a real minified app', () => {
  let app: MinifiedApp;
  let shop: ShopApi;
  before(async () => {
    app = await buildMinifiedApp();
    shop = loadMinifiedApp(app, URL);
  });

  /** As digest sees it: sent by @sentry/node, then normalized. */
  const capture = async (run: () => unknown, release?: string): Promise<SentryEvent> => {
    const sent = await captureWithSentryNode(run, release === undefined ? {} : { release });
    return normalizeEvent(JSON.parse(JSON.stringify(sent)), {
      eventId: newEventId(),
      receivedAt: Date.now() / 1000,
    });
  };

  it('maps every frame of the minified file by debug ID, naming the enclosing functions', async () => {
    const event = await capture(() => shop.checkout(5000));
    assert.equal((event['debug_meta'] as { images: unknown[] }).images.length, 1);
    const source = new BundleSourceMapSource();
    source.addBundle(bundleOf(app));

    const result = await new Symbolicator().symbolicateEvent(event, source);

    const exception = event.exception?.values?.[0];
    assert.ok(exception?.stacktrace !== undefined && exception.raw_stacktrace !== undefined);
    assert.deepEqual(minifiedFrames(exception.stacktrace.frames).map(summary), []);
    const mapped = exception.stacktrace.frames.filter((f) => f.data?.['symbolicated'] === true);
    assert.equal(result.mapped, 5);
    assert.deepEqual(mapped.map(summary), [
      {
        filename: '/src/main.js',
        function: 'checkout',
        lineno: 10,
        in_app: true,
        context_line: '  return retry(() => cart.total());',
      },
      {
        filename: '/node_modules/tiny-retry/index.js',
        function: 'retry',
        lineno: 3,
        in_app: false, // a dependency, re-evaluated on the original path
        context_line: '  return task();',
      },
      {
        // An anonymous arrow: named by its caller's call site (`task()`), as Sentry names it.
        filename: '/src/main.js',
        function: 'task',
        lineno: 10,
        in_app: true,
        context_line: '  return retry(() => cart.total());',
      },
      {
        filename: '/src/cart.js',
        function: 'Cart.total', // `n.total` in the minified file, `n` renamed through the map
        lineno: 16,
        in_app: true,
        context_line: '    return formatPrice(sum);',
      },
      {
        filename: '/src/util.js',
        function: 'formatPrice',
        lineno: 4,
        in_app: true,
        context_line: "    throw new RangeError('negative total: ' + cents);",
      },
    ]);
    const thrower = mapped[mapped.length - 1];
    assert.deepEqual(thrower?.pre_context, [
      '// Money helpers.',
      'export function formatPrice(cents) {',
      '  if (cents < 0) {',
    ]);
    assert.deepEqual(thrower?.post_context?.slice(0, 2), [
      '  }',
      "  return '$' + (cents / 100).toFixed(2);",
    ]);
    assert.equal(thrower?.abs_path, 'http://localhost:5173/src/util.js');
    assert.deepEqual(thrower?.data, {
      symbolicated: true,
      resolved_with: 'debug-id',
      sourcemap: app.debugId,
    });
    // The minified frames are kept as they came.
    const raw = minifiedFrames(exception.raw_stacktrace.frames);
    assert.equal(raw.length, 5);
    assert.ok(raw.every((frame) => frame.filename === URL && frame.lineno === 2));
    assert.equal(raw[raw.length - 1]?.function, 't');
  });

  it("maps threads' stacks too, each keeping its raw stack", async () => {
    const event = await capture(() => shop.checkout(3000));
    const stacktrace = structuredClone(event.exception?.values?.[0]?.stacktrace);
    assert.ok(stacktrace !== undefined);
    event.threads = { values: [{ id: 1, crashed: true, stacktrace }] };
    const source = new BundleSourceMapSource();
    source.addBundle(bundleOf(app));

    const result = await new Symbolicator().symbolicateEvent(event, source);

    assert.equal(result.mapped, 10);
    const thread = event.threads.values[0];
    assert.equal(thread?.stacktrace?.frames.at(-1)?.function, 'formatPrice');
    assert.equal(thread?.raw_stacktrace?.frames.at(-1)?.function, 't');
  });

  it('falls back to release + dist + ~/path when the event names no debug ID', async () => {
    const event = await capture(() => shop.orderQuantities(['1', 'x']), 'shop@2.0.0');
    delete event['debug_meta'];
    const source = new BundleSourceMapSource();
    source.addBundle(bundleOf(app), { release: 'shop@2.0.0' });

    await new Symbolicator().symbolicateEvent(event, source);

    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    const mapped = frames.filter((f) => f.data?.['symbolicated'] === true);
    assert.deepEqual(
      mapped.map((f) => [f.filename, f.function, f.lineno, f.data?.['resolved_with']]),
      [
        ['/src/main.js', 'orderQuantities', 14, 'release'],
        // An anonymous arrow called by native code (Array.prototype.map): no call site to name it.
        ['/src/main.js', '<anonymous>', 14, 'release'],
        ['/src/util.js', 'parseQuantity', 11, 'release'],
      ],
    );
    assert.equal(mapped[0]?.data?.['sourcemap'], '~/assets/main.js.map');
  });

  it('symbolicates in digest before grouping; without a source the event is unchanged', async () => {
    const source = new BundleSourceMapSource();
    source.addBundle(bundleOf(app));
    const project = { id: 1, scrubData: true, scrubFields: [] } as unknown as Project;
    const contextWith = (symbolicate: boolean): DigestContext => ({
      project: async () => project,
      onEntryFailed: (error) => assert.fail(String(error)),
      ...(symbolicate
        ? { symbolication: { symbolicator: new Symbolicator(), sourceFor: () => source } }
        : {}),
    });
    const entries: ClaimedEnvelope[] = [];
    // Bound, not arrow functions: an arrow of this file would be a frame of its own, and v2
    // tells two anonymous functions on different lines apart.
    for (const run of [
      shop.checkout.bind(shop, 5000),
      shop.checkout.bind(shop, 7000), // the same error again: the same issue
      shop.orderQuantities.bind(shop, ['x']), // another error: another issue
    ]) {
      const eventId = newEventId();
      const event = { ...(await captureWithSentryNode(run)), event_id: eventId };
      entries.push({
        queueId: entries.length + 1,
        projectId: 1,
        eventId,
        kind: 'event',
        receivedAt: Date.now() / 1000,
        envelope: eventEnvelope(event),
      });
    }

    const symbolicated = (await digestBatch(entries, contextWith(true))).batch.events;
    const plain = (await digestBatch(entries, contextWith(false))).batch.events;

    const [first, again, other] = symbolicated;
    assert.equal(first?.groupingHash, again?.groupingHash);
    assert.notEqual(first?.groupingHash, other?.groupingHash);
    assert.equal(first?.culprit, 'src/util in formatPrice'); // module in function, as Sentry
    const stored = decodeEventPayload(first!.payload) as unknown as SentryEvent;
    const frames = stored.exception?.values?.[0]?.stacktrace?.frames ?? [];
    assert.equal(frames[frames.length - 1]?.function, 'formatPrice');
    assert.ok(stored.exception?.values?.[0]?.raw_stacktrace !== undefined);

    // No source: frames as sent, no raw_stacktrace, no frame data.
    const unchanged = decodeEventPayload(plain[0]!.payload) as unknown as SentryEvent;
    const plainFrames = unchanged.exception?.values?.[0]?.stacktrace?.frames ?? [];
    assert.equal(plainFrames[plainFrames.length - 1]?.function, 't');
    assert.equal(unchanged.exception?.values?.[0]?.raw_stacktrace, undefined);
    assert.ok(plainFrames.every((frame) => frame.data === undefined));
    assert.notEqual(plain[0]?.groupingHash, first?.groupingHash);
  });
});
