import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseStack, parseStackLine } from '../src/parse-stack.js';
import { ROOT, V8_FRAME_LINES } from './helpers/v8-frame-lines.js';

const root = { root: ROOT };

for (const [line, expected] of V8_FRAME_LINES) {
  test(`parses ${line.trim()}`, () => {
    const frame = parseStackLine(line, root);
    assert.deepEqual(frame, expected);
  });
}

test('not frame lines are skipped, and frames come out oldest first', () => {
  const stack = [
    'Error: cart 981 not found',
    '    with a second message line',
    '    at loadCart (/app/cart.js:7:35)',
    '    at /app/routes.js:12:9',
    '    at Layer.handleRequest (/app/node_modules/router/lib/layer.js:156:33)',
  ].join('\n');
  const frames = parseStack(stack, root);
  assert.deepEqual(
    frames.map((frame) => frame.function),
    ['Layer.handleRequest', '?', 'loadCart'],
  );
});

test('inAppInclude and inAppExclude override the node_modules rule', () => {
  const line = '    at f (/app/node_modules/@acme/shared/index.js:1:1)';
  assert.equal(parseStackLine(line, { inAppInclude: ['@acme/'] })?.in_app, true);
  assert.equal(
    parseStackLine('    at f (/app/gen/x.js:1:1)', { inAppExclude: ['/gen/'] })?.in_app,
    false,
  );
});

test('a real stack from this process parses with this file in-app and last', () => {
  const error = new Error('here');
  const frames = parseStack(error.stack ?? '');
  const last = frames.at(-1);
  assert.ok(last?.filename?.endsWith('parse-stack.test.js'), String(last?.filename));
  assert.equal(last?.in_app, true);
  assert.ok(frames.some((frame) => frame.filename?.startsWith('node:') && frame.in_app === false));
});

test("the SDK's own frames are not in-app, though this monorepo keeps it outside node_modules", () => {
  const sdkFile = join(import.meta.dirname, '../src/integrations/http.js');
  const frame = parseStackLine(`    at faultlineHttpRequestListener (${sdkFile}:30:7)`, {
    inAppInclude: [join(import.meta.dirname, '..')],
  });
  assert.equal(frame?.filename, sdkFile);
  assert.equal(frame?.in_app, false);
  // Its tests beside it are app code for the frames they throw.
  const testFile = join(import.meta.dirname, 'parse-stack.test.js');
  assert.equal(parseStackLine(`    at run (${testFile}:1:1)`)?.in_app, true);
});
