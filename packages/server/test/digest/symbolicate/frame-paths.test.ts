/**
 * Paths of JavaScript frames, by symbolicator's rules (crates/symbolicator-js/src/utils.rs):
 * which URLs a release's file is looked up under, where an original source lives, its file name,
 * module and whether it is the app's own code.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  filenameOf,
  inAppOf,
  isSourceFile,
  joinSourcePath,
  moduleOf,
  releaseUrlCandidates,
} from '../../../src/digest/symbolicate/frame-paths.js';

describe('frame paths', () => {
  it('looks a release file up by URL, then by ~/path, with and without the query', () => {
    assert.deepEqual(releaseUrlCandidates('https://example.com/assets/app.min.js?v=3#x'), [
      'https://example.com/assets/app.min.js?v=3',
      'https://example.com/assets/app.min.js',
      '~/assets/app.min.js?v=3',
      '~/assets/app.min.js',
    ]);
    assert.deepEqual(releaseUrlCandidates('app:///main.js'), ['app:///main.js', '~/main.js']);
    assert.deepEqual(releaseUrlCandidates('/srv/app/dist/index.js'), [
      '/srv/app/dist/index.js',
      '~/srv/app/dist/index.js',
    ]);
  });

  it('maps only files and URLs', () => {
    for (const path of ['https://a.io/x.js', 'app:///x.js', '/srv/x.js', 'file:///srv/x.js'])
      assert.ok(isSourceFile(path), path);
    for (const path of ['<anonymous>', 'native', 'node:internal/timers', '[native code]', 'x.js'])
      assert.ok(!isSourceFile(path), path);
  });

  it('resolves original sources against the minified file, keeping their own schemes', () => {
    assert.equal(
      joinSourcePath('https://a.io/assets/app.js', '../src/cart.ts'),
      'https://a.io/src/cart.ts',
    );
    assert.equal(
      joinSourcePath('https://a.io/assets/app.js', '~/src/a.ts'),
      'https://a.io/src/a.ts',
    );
    assert.equal(joinSourcePath('/srv/dist/index.js', '../src/a.ts'), '/srv/src/a.ts');
    assert.equal(
      joinSourcePath('https://a.io/app.js', 'webpack://shop/./src/a.ts'),
      'webpack://shop/./src/a.ts',
    );
  });

  it("names files as Sentry shows them, webpack's namespaces trimmed", () => {
    assert.equal(filenameOf('webpack://shop/./src/a.ts'), './src/a.ts');
    assert.equal(filenameOf('webpack:///./src/a.ts'), './src/a.ts');
    assert.equal(filenameOf('webpack:///~/lodash/get.js'), '~/lodash/get.js');
    assert.equal(filenameOf('https://a.io/src/a.ts'), '/src/a.ts');
    assert.equal(filenameOf('/srv/src/a.ts'), '/srv/src/a.ts');
  });

  it('derives modules as generate_module does', () => {
    assert.equal(moduleOf('http://google.com/js/v1.0/foo/bar/baz.js'), 'foo/bar/baz');
    assert.equal(moduleOf('https://a.io/static/app.min.js'), 'app');
    assert.equal(moduleOf('https://a.io/src/cart.js'), 'src/cart');
    assert.equal(moduleOf('https://a.io/node_modules/react/index.js'), 'react/index');
    assert.equal(moduleOf(`https://a.io/${'a'.repeat(32)}/x/y.js`), 'x/y');
  });

  it('re-evaluates in_app on the original path', () => {
    assert.equal(
      inAppOf('https://a.io/node_modules/react/index.js', '/node_modules/react/index.js', true),
      false,
    );
    assert.equal(inAppOf('webpack:///webpack/bootstrap', 'webpack/bootstrap', true), false);
    assert.equal(inAppOf('webpack://shop/./src/a.ts', './src/a.ts', false), true);
    assert.equal(inAppOf('webpack:///~/lodash/get.js', '~/lodash/get.js', true), false);
    assert.equal(inAppOf('https://a.io/src/a.ts', '/src/a.ts', true), true);
    assert.equal(inAppOf('https://a.io/src/a.ts', '/src/a.ts', undefined), undefined);
  });
});
