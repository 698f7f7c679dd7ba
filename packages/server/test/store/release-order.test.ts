/** Which release is later: semver pairs, packages, pre-releases, and the first-seen fallback. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareReleases, parseSemver } from '../../src/store/release-order.js';

const at = (version: string, createdAt?: number) => ({ version, createdAt });

describe('compareReleases', () => {
  it('orders semantic versions by number, not text', () => {
    const pairs: Array<[string, string]> = [
      ['1.9.2', '1.10.0'],
      ['app@1.0.0', 'app@1.0.1'],
      ['v2.0.0', 'v10.0.0'],
      ['2.0.0-rc.1', '2.0.0'],
      ['2.0.0-alpha', '2.0.0-alpha.1'],
      ['2.0.0-alpha.2', '2.0.0-alpha.10'],
      ['2.0.0-2', '2.0.0-alpha'],
      ['1.0', '1.0.1'],
      ['1.2.3.4', '1.2.3.5'],
    ];
    for (const [earlier, later] of pairs) {
      assert.equal(compareReleases(at(earlier, 2), at(later, 1)), -1, `${earlier} < ${later}`);
      assert.equal(compareReleases(at(later, 1), at(earlier, 2)), 1, `${later} > ${earlier}`);
    }
    assert.equal(compareReleases(at('1.0.0+build.1'), at('1.0.0+build.2')), 0, 'builds tie');
  });

  it('falls back to first seen when a version is not semver or the packages differ', () => {
    assert.equal(compareReleases(at('abc123', 10), at('def456', 20)), -1);
    assert.equal(compareReleases(at('a@2.0.0', 30), at('b@1.0.0', 20)), 1);
    assert.equal(compareReleases(at('1.0.0', 30), at('nightly', 20)), 1);
    assert.equal(compareReleases(at('abc', undefined), at('def', 1)), 0, 'unknown: neither');
  });

  it('parses the package before the last @', () => {
    assert.deepEqual(parseSemver('@scope/app@1.2.3-rc.1+5'), {
      package: '@scope/app',
      numbers: [1, 2, 3, 0],
      prerelease: ['rc', '1'],
    });
    assert.equal(parseSemver('1.2.3.4.5'), undefined);
    assert.equal(parseSemver('9'.repeat(20)), undefined, 'numbers too long to compare exactly');
  });
});
