/**
 * src/ must run in browsers as well as Node: no `node:` modules, no packages, no Node globals.
 * Tests run compiled from dist/test/, so the sources are two levels up.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const SRC = new URL('../../src/', import.meta.url);

function sourceFiles(directory: URL): URL[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sourceFiles(new URL(`${entry.name}/`, directory));
    return entry.name.endsWith('.ts') ? [new URL(entry.name, directory)] : [];
  });
}

/** Source without comments, so prose may mention what code must not use. */
function codeOf(file: URL): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function specifiers(code: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!));
}

const files = sourceFiles(SRC);

describe('purity of src/', () => {
  it('finds the sources', () => {
    const names = files.map((file) => file.pathname.split('/').pop());
    for (const name of [
      'index.ts',
      'dsn.ts',
      'auth.ts',
      'envelope.ts',
      'rate-limits.ts',
      'event.ts',
    ]) {
      assert.ok(names.includes(name), name);
    }
  });

  for (const file of files) {
    const name = file.pathname.slice(SRC.pathname.length);
    const code = codeOf(file);

    it(`${name} imports only relative modules`, () => {
      for (const specifier of specifiers(code)) {
        assert.ok(!specifier.startsWith('node:'), `${name} imports ${specifier}`);
        assert.ok(
          specifier.startsWith('./') || specifier.startsWith('../'),
          `${name} imports the package ${specifier}`,
        );
        assert.ok(specifier.endsWith('.js'), `${name} imports ${specifier} without .js`);
      }
      assert.doesNotMatch(code, /['"`]node:/, `${name} mentions a node: module`);
    });

    it(`${name} uses no Node globals`, () => {
      for (const global of [
        /\bBuffer\b/,
        /\bprocess\s*\./,
        /\brequire\s*\(/,
        /\b__dirname\b/,
        /\b__filename\b/,
        /\bsetImmediate\b/,
        /\bglobal\s*\./,
      ]) {
        assert.doesNotMatch(code, global, `${name} uses ${global.source}`);
      }
    });
  }
});
