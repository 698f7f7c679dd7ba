import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { itemJson, startCaptureServer } from './helpers/capture-server.js';

const execFileAsync = promisify(execFile);
// dist/test → the compiled app, and back to its TypeScript source.
const COMPILED_APP = join(import.meta.dirname, 'typescript-app/checkout.js');
const SOURCE_APP = join(import.meta.dirname, '../../test/typescript-app/checkout.ts');

type Json = Record<string, any>;

test('with --enable-source-maps, frames and context lines point into the TypeScript source', async () => {
  const capture = await startCaptureServer();
  try {
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--enable-source-maps', COMPILED_APP],
      { env: { ...process.env, FAULTLINE_DSN: capture.dsn, SENTRY_DSN: '' }, timeout: 30_000 },
    );
    assert.deepEqual(JSON.parse(stdout), { flushed: true });
    const event = itemJson(capture.requests[0]!.envelope, 'event') as Json;
    const thrower = (event['exception'].values[0].stacktrace.frames as Json[]).at(-1)!;

    const source = (await readFile(SOURCE_APP, 'utf8')).split('\n');
    const throwLine = source.findIndex((line) => line.includes('THROWS HERE')) + 1;
    assert.equal(thrower['function'], 'priceCart');
    assert.match(String(thrower['filename']), /typescript-app[/\\]checkout\.ts$/);
    assert.equal(thrower['lineno'], throwLine);
    assert.equal(thrower['in_app'], true);
    // Only the TypeScript source has the type annotation on the line before.
    assert.equal(thrower['pre_context'].at(-1), 'function priceCart(cart: Cart): number {');
    assert.match(String(thrower['context_line']), /THROWS HERE/);
  } finally {
    await capture.close();
  }
});
