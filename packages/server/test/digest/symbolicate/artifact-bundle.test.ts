/**
 * Artifact bundles come from anyone holding an upload token: the reader refuses zip bombs,
 * entry floods, path tricks and lying headers with a precise BundleError (the upload API's 400),
 * at a cost bounded by its limits. And a good bundle pairs minified files with their maps the
 * ways sentry-cli and the bundler plugins mark them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BundleError } from '../../../src/digest/symbolicate/artifact-bundle/bundle-error.js';
import type { BundleErrorCode } from '../../../src/digest/symbolicate/artifact-bundle/bundle-error.js';
import { BundleSourceMapSource } from '../../../src/digest/symbolicate/artifact-bundle/bundle-source.js';
import { readArtifactBundle } from '../../../src/digest/symbolicate/artifact-bundle/read-bundle.js';
import type { ZipLimits } from '../../../src/digest/symbolicate/artifact-bundle/zip-reader.js';
import { artifactBundleZip, writeZip } from '../../helpers/zip-writer.js';
import type { ZipInput } from '../../helpers/zip-writer.js';

const MB = 1024 * 1024;
const LIMITS: ZipLimits = { maxEntries: 10, maxEntryBytes: 4 * MB, maxTotalBytes: 8 * MB };
const MANIFEST = (files: Record<string, unknown> = {}) => ({
  name: 'manifest.json',
  data: JSON.stringify({ org: 'o', files }),
});

function refused(zip: Buffer, code: BundleErrorCode, message?: RegExp): void {
  assert.throws(
    () => {
      const bundle = readArtifactBundle(zip, LIMITS);
      for (const file of bundle.files) file.read();
    },
    (error: unknown) => {
      assert.ok(error instanceof BundleError, String(error));
      assert.equal(error.code, code, error.message);
      if (message !== undefined) assert.match(error.message, message);
      return true;
    },
  );
}

describe('artifact bundle zips', () => {
  it('refuses what is not a zip, or a truncated one', () => {
    refused(Buffer.from('PK not really a zip at all'), 'not_a_zip');
    const good = writeZip([MANIFEST()]);
    refused(good.subarray(0, good.length - 30), 'not_a_zip');
    refused(writeZip([MANIFEST()], { entryCount: 500 }), 'too_many_entries');
    refused(writeZip([MANIFEST()], { entryCount: 5 }), 'not_a_zip', /damaged/);
  });

  it('refuses more entries than the limit, before reading any', () => {
    const entries: ZipInput[] = Array.from({ length: 11 }, (_, i) => ({
      name: `f${i}`,
      data: 'x',
    }));
    refused(writeZip(entries), 'too_many_entries', /11 entries; the limit is 10/);
  });

  it('refuses a zip bomb: by declared size, or when it inflates past what it declares', () => {
    const zeros = Buffer.alloc(32 * MB); // deflates to ~32 KB
    refused(writeZip([MANIFEST(), { name: 'bomb', data: zeros }]), 'entry_too_large');
    const lying: ZipInput = { name: 'bomb', data: zeros, declaredSize: 1000 };
    refused(
      writeZip([MANIFEST({ bomb: { url: '~/b.js' } }), lying]),
      'corrupt_entry',
      /inflates past its declared size/,
    );
    const three = [0, 1, 2].map((i) => ({ name: `big${i}`, data: Buffer.alloc(3 * MB) }));
    refused(writeZip([MANIFEST(), ...three]), 'bundle_too_large');
  });

  it('refuses unsafe paths, in the zip and in the manifest', () => {
    for (const name of [
      '../evil.js',
      '/etc/passwd',
      'a/../../b',
      'a\\b.js',
      'C:/x.js',
      'a//b',
      'a/./b',
    ])
      refused(writeZip([MANIFEST(), { name, data: 'x' }]), 'unsafe_path');
    refused(writeZip([MANIFEST({ '../x.js': { url: '~/x.js' } })]), 'unsafe_path');
  });

  it('refuses duplicate names, bad checksums, encryption', () => {
    refused(
      writeZip([MANIFEST(), { name: 'a', data: 'x' }, { name: 'a', data: 'y' }]),
      'duplicate_entry',
    );
    const manifest = MANIFEST({ a: { url: '~/a.js' } });
    refused(writeZip([manifest, { name: 'a', data: 'x', declaredCrc: 1 }]), 'corrupt_entry', /CRC/);
    refused(
      writeZip([manifest, { name: 'a', data: 'x', flags: 1 }]),
      'zip_unsupported',
      /encrypted/,
    );
  });

  it('refuses a missing or malformed manifest', () => {
    refused(writeZip([{ name: 'a', data: 'x' }]), 'manifest_missing');
    refused(
      writeZip([{ name: 'manifest.json', data: '{"files":' }]),
      'manifest_invalid',
      /not JSON/,
    );
    refused(writeZip([{ name: 'manifest.json', data: '[]' }]), 'manifest_invalid');
    refused(writeZip([MANIFEST({ 'files/a.js': { url: '~/a.js' } })]), 'manifest_invalid', /lacks/);
    refused(
      writeZip([MANIFEST({ a: { type: 'minified_source' } }), { name: 'a', data: 'x' }]),
      'manifest_invalid',
      /url/,
    );
  });

  it('reads a bundle lazily: an entry is inflated only when read', () => {
    const body = 'x'.repeat(1000);
    const zip = artifactBundleZip([{ url: '~/a.js', type: 'minified_source', data: body }], {
      release: 'r1',
      dist: 'd1',
    });
    const bundle = readArtifactBundle(zip, LIMITS);
    assert.equal(bundle.release, 'r1');
    assert.equal(bundle.dist, 'd1');
    assert.equal(bundle.files[0]?.url, '~/a.js');
    assert.equal(bundle.files[0]?.read().toString(), body);
    // stored (method 0) entries are read as they are
    const stored = writeZip([
      MANIFEST({ s: { url: '~/s.js' } }),
      { name: 's', data: 'abc', method: 0 },
    ]);
    assert.equal(readArtifactBundle(stored, LIMITS).files[0]?.read().toString(), 'abc');
  });
});

describe('pairing minified files with maps', () => {
  const map = JSON.stringify({ version: 3, sources: ['a.js'], names: [], mappings: 'AAAA' });
  const id = '0f3b5c4e-1111-4222-8333-444455556666';

  it('by debug ID; a re-upload of the ID wins', async () => {
    const source = new BundleSourceMapSource();
    const upload = () =>
      source.addBundle(
        artifactBundleZip([
          { url: '~/a.min.js', type: 'minified_source', data: 'a()', headers: { 'debug-id': id } },
          {
            url: '~/a.min.js.map',
            type: 'source_map',
            data: map,
            headers: { 'debug-id': id.toUpperCase() },
          },
        ]),
      );
    upload();
    const first = await source.byDebugId(id);
    upload();
    const second = await source.byDebugId(id);
    assert.equal(first?.label, id);
    assert.notEqual(first?.cacheKey, second?.cacheKey);
    assert.deepEqual(await second?.load(), {
      map: Buffer.from(map),
      minifiedSource: Buffer.from('a()'),
    });
    assert.equal(await source.byDebugId('0f3b5c4e-1111-4222-8333-000000000000'), undefined);
  });

  it('by release and URL: the Sourcemap header, the sourceMappingURL comment, then <url>.map', async () => {
    const source = new BundleSourceMapSource();
    source.addBundle(
      artifactBundleZip(
        [
          {
            url: '~/js/header.js',
            type: 'minified_source',
            data: 'h()',
            headers: { Sourcemap: '../maps/h.map' },
          },
          { url: '~/maps/h.map', type: 'source_map', data: map },
          {
            url: '~/js/comment.js',
            type: 'minified_source',
            data: 'c()\n//# sourceMappingURL=c.js.map\n',
          },
          { url: '~/js/c.js.map', type: 'source_map', data: map },
          { url: 'https://cdn.example.com/plain.js', type: 'minified_source', data: 'p()' },
          { url: 'https://cdn.example.com/plain.js.map', type: 'source_map', data: map },
        ],
        { release: '1.0', dist: 'web' },
      ),
    );
    const labelOf = async (url: string, dist: string | undefined) =>
      (await source.byReleaseUrl('1.0', dist, url))?.label;
    assert.equal(await labelOf('~/js/header.js', 'web'), '~/maps/h.map');
    assert.equal(await labelOf('~/js/comment.js', 'web'), '~/js/c.js.map');
    assert.equal(
      await labelOf('https://cdn.example.com/plain.js', 'web'),
      'https://cdn.example.com/plain.js.map',
    );
    assert.equal(await labelOf('~/js/header.js', undefined), undefined); // dist must match
    assert.equal(await labelOf('~/maps/h.map', 'web'), undefined); // a map is not run
    assert.deepEqual(await source.releasesWithUrl('~/js/header.js', 3), ['1.0']);
  });
});
