import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeFilename } from '../../src/digest/grouping/normalize-filename.js';

describe('normalizeFilename', () => {
  const cases: Array<[string, string, string]> = [
    ['drops query strings and fragments', 'static/app.js?v=123#top', 'static/app.js'],
    [
      'keeps only the path of a URL',
      'https://cdn-3.example.com/static/js/app.js',
      'static/js/app.js',
    ],
    ['drops webpack:// and ./', 'webpack:///./src/components/Cart.tsx', 'src/components/Cart.tsx'],
    ['drops app://', 'app:///main.jsbundle', 'main.jsbundle'],
    ['reads Windows paths', 'C:\\Users\\ann\\app\\src\\cart.js', 'Users/ann/app/src/cart.js'],
    ['reads file URLs', 'file:///C:/app/src/cart.js', 'app/src/cart.js'],
    [
      'keeps the package path under node_modules',
      '/srv/app/node_modules/.pnpm/router@2.2.0/node_modules/router/lib/layer.js',
      'node_modules/router/lib/layer.js',
    ],
    ['replaces a content hash (hex)', '/static/js/main.3f9a2c1b.js', 'static/js/main.<hash>.js'],
    ['replaces a content hash (mixed case)', '/assets/index-BjP5a1Xy.js', 'assets/index-<hash>.js'],
    [
      'replaces version directories',
      '/srv/releases/1.4.2/app/models/user.rb',
      'srv/releases/<version>/app/models/user.rb',
    ],
    [
      'replaces versions after a name',
      '/opt/shop-2.0.1/lib/cart.php',
      'opt/shop-<version>/lib/cart.php',
    ],
    [
      'replaces numbered release directories',
      '/var/www/releases/20260101120000/app.php',
      'var/www/releases/<version>/app.php',
    ],
    ['replaces SHA directories', '/deploy/9fceb02d0ae5/app.py', 'deploy/<hash>/app.py'],
  ];
  for (const [what, input, expected] of cases)
    it(what, () => assert.equal(normalizeFilename(input), expected));

  it('keeps ordinary names', () => {
    for (const name of [
      'src/app.component.ts',
      'lib/python3.11/json/decoder.py',
      'node:internal/timers',
      'vendor~main.chunk.js',
    ])
      assert.equal(normalizeFilename(name), name);
  });
});
