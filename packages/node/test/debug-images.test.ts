import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { debugIdsByFile, debugImagesFor } from '../src/debug-images.js';

const globals = globalThis as { _sentryDebugIds?: unknown; _debugIds?: unknown };
const ID_A = '3f2a4c1e-9b7d-4e21-8a0f-5c6d7e8f9a0b';
const ID_B = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

// What the snippet records: a stack taken at the top of each bundle, as V8 prints it.
const stackIn = (file: string) =>
  `Error\n    at ${file}:1:95\n    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)`;

afterEach(() => {
  delete globals._sentryDebugIds;
  delete globals._debugIds;
});

test('each bundled file in the frames gets its debug ID, once, as @sentry/core sends it', () => {
  globals._sentryDebugIds = {
    [stackIn('file:///srv/app/dist/server.mjs')]: ID_A,
    [`Error\n    at Object.<anonymous> (/srv/app/dist/worker.cjs:1:40)`]: ID_B,
  };
  const images = debugImagesFor([
    { filename: 'node:internal/process/task_queues', lineno: 95, colno: 5 },
    { filename: '/srv/app/dist/server.mjs', lineno: 2, colno: 9130 },
    { filename: '/srv/app/dist/server.mjs', lineno: 2, colno: 311 },
    { filename: '/srv/app/dist/worker.cjs', lineno: 3, colno: 7 },
  ]);
  assert.deepEqual(images, [
    { type: 'sourcemap', code_file: '/srv/app/dist/server.mjs', debug_id: ID_A },
    { type: 'sourcemap', code_file: '/srv/app/dist/worker.cjs', debug_id: ID_B },
  ]);
});

test('the stacks are parsed again only when a bundle recorded a new ID', () => {
  globals._sentryDebugIds = { [stackIn('/srv/a.js')]: ID_A };
  const first = debugIdsByFile();
  assert.equal(debugIdsByFile(), first, 'the same map while the keys are the same');
  // A bundle loaded later (a lazy chunk) adds its key; the TC39 proposal's map counts too.
  globals._debugIds = { [stackIn('/srv/chunk.js')]: ID_B };
  const second = debugIdsByFile();
  assert.notEqual(second, first);
  assert.deepEqual(
    [...second],
    [
      ['/srv/a.js', ID_A],
      ['/srv/chunk.js', ID_B],
    ],
  );
});

test('nothing recorded, or not what the snippet records: no images', () => {
  assert.deepEqual(debugImagesFor([{ filename: '/srv/a.js', lineno: 1, colno: 1 }]), []);
  globals._sentryDebugIds = { [stackIn('/srv/a.js')]: 42, 'not a stack': ID_B, '': ID_A };
  assert.deepEqual(debugImagesFor([{ filename: '/srv/a.js', lineno: 1, colno: 1 }]), []);
  globals._sentryDebugIds = 'a string';
  assert.deepEqual(debugImagesFor([{ filename: '/srv/a.js', lineno: 1, colno: 1 }]), []);
});
