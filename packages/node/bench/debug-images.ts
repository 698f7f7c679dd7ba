/**
 * `npm run build && node packages/node/dist/bench/debug-images.js`: what reading bundlers' debug
 * IDs costs an event. The stacks in `_sentryDebugIds` are parsed once per new key; an event then
 * pays for counting the keys and a lookup per frame. Next to it, for scale, what every capture
 * already pays: making an Error and parsing its stack.
 */
import { debugIdsByFile, debugImagesFor } from '../src/debug-images.js';
import { parseStack } from '../src/parse-stack.js';

const BUNDLES = 20;
const ROUNDS = 200_000;
const globals = globalThis as { _sentryDebugIds?: Record<string, string> };

const ids: Record<string, string> = {};
for (let n = 0; n < BUNDLES; n++) {
  const stack = `Error\n    at file:///srv/app/dist/chunk-${n}.mjs:1:95\n    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)`;
  ids[stack] = `3f2a4c1e-9b7d-4e21-8a0f-5c6d7e8f9a${String(n).padStart(2, '0')}`;
}
const frames = [
  ...parseStack(new Error().stack ?? ''),
  ...Array.from({ length: 15 }, (_, n) => ({
    filename: `/srv/app/dist/chunk-${n % 3}.mjs`,
    lineno: 2,
    colno: 100 + n,
  })),
];

function nsPerRound(work: () => unknown): number {
  const start = process.hrtime.bigint();
  for (let n = 0; n < ROUNDS; n++) work();
  return Number(process.hrtime.bigint() - start) / ROUNDS;
}

globals._sentryDebugIds = ids;
const start = process.hrtime.bigint();
debugIdsByFile();
const firstBuildUs = Number(process.hrtime.bigint() - start) / 1000;
nsPerRound(() => debugImagesFor(frames)); // warm up
const perEventNs = nsPerRound(() => debugImagesFor(frames));
delete globals._sentryDebugIds;
nsPerRound(() => debugImagesFor(frames));
const noIdsNs = nsPerRound(() => debugImagesFor(frames));
const stackNs = nsPerRound(() => parseStack(new Error().stack ?? ''));

console.log(`first read of ${BUNDLES} bundles' debug IDs: ${firstBuildUs.toFixed(0)} µs (once)`);
console.log(`per event, ${frames.length} frames, ${BUNDLES} IDs: ${perEventNs.toFixed(0)} ns`);
console.log(`per event, no IDs recorded: ${noIdsNs.toFixed(0)} ns`);
console.log(`for scale, new Error + parseStack per capture: ${stackNs.toFixed(0)} ns`);
