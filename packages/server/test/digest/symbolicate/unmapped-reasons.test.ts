/**
 * "Uploaded but not applied": every frame left minified says why, in `data.unmapped_reason` (a
 * stable code) and `data.unmapped_detail` (a sentence naming the file, IDs and releases). The
 * stack is a real one from the minified app; the uploads are made wrong on purpose.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent } from '@faultline/protocol';
import { normalizeEvent } from '../../../src/digest/normalize.js';
import { BundleSourceMapSource } from '../../../src/digest/symbolicate/artifact-bundle/bundle-source.js';
import type { SourceMapSource } from '../../../src/digest/symbolicate/source-map-source.js';
import type { SymbolicateOptions } from '../../../src/digest/symbolicate/symbolicate-options.js';
import { Symbolicator } from '../../../src/digest/symbolicate/symbolicator.js';
import { newEventId } from '../../helpers/envelopes.js';
import {
  buildMinifiedApp,
  captureWithSentryNode,
  loadMinifiedApp,
} from '../../helpers/minified-app.js';
import type { MinifiedApp, ShopApi } from '../../helpers/minified-app.js';
import { artifactBundleZip } from '../../helpers/zip-writer.js';

const URL = 'http://localhost:5174/static/app.js';

describe('frames that stay minified say why', () => {
  let app: MinifiedApp;
  let shop: ShopApi;
  before(async () => {
    app = await buildMinifiedApp();
    shop = loadMinifiedApp(app, URL);
  });

  async function eventOf(options: { release?: string; debugIds?: boolean } = {}) {
    const sent = await captureWithSentryNode(
      () => shop.checkout(5000),
      options.release === undefined ? {} : { release: options.release },
    );
    const event = normalizeEvent(JSON.parse(JSON.stringify(sent)), {
      eventId: newEventId(),
      receivedAt: Date.now() / 1000,
    });
    if (options.debugIds === false) delete event['debug_meta'];
    return event;
  }

  function sourceWith(map: string, release?: string): BundleSourceMapSource {
    const source = new BundleSourceMapSource();
    source.addBundle(
      artifactBundleZip(
        [
          {
            url: '~/static/app.js',
            type: 'minified_source',
            data: app.code,
            headers: { 'debug-id': app.debugId },
          },
          {
            url: '~/static/app.js.map',
            type: 'source_map',
            data: map,
            headers: { 'debug-id': app.debugId },
          },
        ],
        release === undefined ? undefined : { release },
      ),
    );
    return source;
  }

  /** The reason and detail of each of the minified file's frames. */
  async function reasonsOf(
    event: SentryEvent,
    source: SourceMapSource,
    options: Partial<SymbolicateOptions> = {},
  ): Promise<Array<[unknown, unknown]>> {
    await new Symbolicator(options).symbolicateEvent(event, source);
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    // The minified file's five frames are the newest ones.
    return frames
      .slice(-5)
      .map((frame) => [frame.data?.['unmapped_reason'], frame.data?.['unmapped_detail']]);
  }

  function onlyReason(reasons: Array<[unknown, unknown]>): [unknown, unknown] {
    assert.equal(reasons.length, 5);
    assert.ok(reasons.every(([code]) => code === reasons[0]?.[0]));
    return reasons[0] ?? [undefined, undefined];
  }

  it('no debug ID and no release', async () => {
    const [code, detail] = onlyReason(
      await reasonsOf(await eventOf({ debugIds: false }), sourceWith(app.map, 'shop@1.0.0')),
    );
    assert.equal(code, 'no_debug_id_no_release');
    assert.match(String(detail), /no debug ID for http:\/\/localhost:5174\/static\/app\.js/);
  });

  it('a bundle uploaded for another release', async () => {
    const event = await eventOf({ release: 'shop@1.0.1', debugIds: false });
    const [code, detail] = onlyReason(await reasonsOf(event, sourceWith(app.map, 'shop@1.0.0')));
    assert.equal(code, 'other_release');
    assert.equal(
      detail,
      "~/static/app.js was uploaded for release shop@1.0.0, not for this event's release shop@1.0.1",
    );
  });

  it('a release without the file', async () => {
    const event = await eventOf({ release: 'shop@1.0.1', debugIds: false });
    const [code] = onlyReason(await reasonsOf(event, new BundleSourceMapSource()));
    assert.equal(code, 'no_release_match');
  });

  it('a debug ID nobody uploaded', async () => {
    const [code, detail] = onlyReason(
      await reasonsOf(await eventOf(), new BundleSourceMapSource()),
    );
    assert.equal(code, 'debug_id_not_found');
    assert.match(String(detail), new RegExp(`debug ID ${app.debugId}`));
  });

  it("never uses another project's upload of a debug ID, even while it is cached", async () => {
    const symbolicator = new Symbolicator();
    const projectA = sourceWith(app.map);
    const projectB = new BundleSourceMapSource(); // the same event shape, nothing uploaded
    assert.equal((await symbolicator.symbolicateEvent(await eventOf(), projectA)).mapped, 5);
    const event = await eventOf();
    const summary = await symbolicator.symbolicateEvent(event, projectB);
    assert.equal(summary.mapped, 0);
    const frames = event.exception?.values?.[0]?.stacktrace?.frames.slice(-5) ?? [];
    assert.ok(frames.every((f) => f.data?.['unmapped_reason'] === 'debug_id_not_found'));
  });

  it('a map with no mapping at the position (a map of another build)', async () => {
    const otherBuild = JSON.stringify({
      version: 3,
      sources: ['a.js'],
      names: [],
      mappings: 'AAAA',
    });
    const [code, detail] = onlyReason(await reasonsOf(await eventOf(), sourceWith(otherBuild)));
    assert.equal(code, 'no_mapping');
    assert.match(String(detail), /no mapping at line 2, column \d+ of http:\/\/localhost:5174/);
  });

  it('a map over the size limit is never read', async () => {
    const [code, detail] = onlyReason(
      await reasonsOf(await eventOf(), sourceWith(app.map), { maxMapBytes: 1000 }),
    );
    assert.equal(code, 'map_too_large');
    assert.match(String(detail), /the limit is 1000/);
  });

  it('a map of millions of segments is refused before decoding', async () => {
    const bomb = JSON.stringify({
      version: 3,
      sources: ['a.js'],
      names: [],
      mappings: 'AAAA,'.repeat(2_000_000),
    });
    const [code, detail] = onlyReason(
      await reasonsOf(await eventOf(), sourceWith(bomb), { cacheBytes: 16 * 1024 * 1024 }),
    );
    assert.equal(code, 'map_too_large');
    assert.match(String(detail), /2000001 segments/);
  });

  for (const [what, map, pattern] of [
    ['not JSON', '{"version":3,', /not JSON/],
    ['version 2', JSON.stringify({ version: 2, sources: [], mappings: '' }), /version is 2/],
    ['sources not strings', JSON.stringify({ version: 3, sources: [1], mappings: '' }), /sources/],
    ['no mappings', JSON.stringify({ version: 3, sources: [] }), /mappings/],
    [
      'a section by URL',
      JSON.stringify({ version: 3, sections: [{ offset: { line: 0, column: 0 }, url: 'x.map' }] }),
      /section/,
    ],
  ] as const) {
    it(`an invalid map: ${what}`, async () => {
      const [code, detail] = onlyReason(await reasonsOf(await eventOf(), sourceWith(map)));
      assert.equal(code, 'map_invalid');
      assert.match(String(detail), pattern);
    });
  }

  it('frames beyond the per-event limit, and maps beyond the per-event limit', async () => {
    const event = await eventOf();
    const frameCount = event.exception?.values?.[0]?.stacktrace?.frames.length ?? 0;
    const limited = await reasonsOf(event, sourceWith(app.map), {
      maxFramesPerEvent: frameCount - 2,
    });
    // Oldest first: the newest two frames are beyond the limit.
    assert.deepEqual(
      limited.map(([code]) => code),
      [undefined, undefined, undefined, 'frame_limit', 'frame_limit'],
    );
    const noMaps = await reasonsOf(await eventOf(), sourceWith(app.map), { maxMapsPerEvent: 0 });
    assert.equal(onlyReason(noMaps)[0], 'map_limit');
  });

  it('a storage failure, which is not cached', async () => {
    let fail = true;
    const good = sourceWith(app.map);
    const flaky: SourceMapSource = {
      byDebugId: async (id) => {
        const artifact = await good.byDebugId(id);
        if (artifact === undefined) return undefined;
        return {
          ...artifact,
          load: () => (fail ? Promise.reject(new Error('disk on fire')) : artifact.load()),
        };
      },
      byReleaseUrl: async () => undefined,
    };
    const symbolicator = new Symbolicator();
    const event = await eventOf();
    await symbolicator.symbolicateEvent(event, flaky);
    const frame = event.exception?.values?.[0]?.stacktrace?.frames.find((f) => f.filename === URL);
    assert.equal(frame?.data?.['unmapped_reason'], 'source_error');
    assert.match(String(frame?.data?.['unmapped_detail']), /disk on fire/);

    fail = false;
    const again = await eventOf();
    const summary = await symbolicator.symbolicateEvent(again, flaky);
    assert.equal(summary.mapped, 5);
  });

  it('frames no map can be uploaded for, and frames without a column', async () => {
    const event = await eventOf({ release: 'shop@1.0.0' });
    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    frames.push({ abs_path: 'node:internal/process/task_queues', lineno: 95, colno: 5 });
    frames.push({ abs_path: URL, lineno: 2 });
    await new Symbolicator().symbolicateEvent(event, sourceWith(app.map));
    assert.deepEqual(
      frames.slice(-2).map((frame) => frame.data?.['unmapped_reason']),
      ['not_a_source_file', 'no_location'],
    );
  });
});
