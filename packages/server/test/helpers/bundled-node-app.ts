/**
 * A Node service (test/fixtures/bundled-node-app) bundled with @faultline/node into one minified
 * ES module by a real bundler (rolldown), its debug ID injected as `sentry-cli sourcemaps inject`
 * does, written to a temp dir to be run as a child process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';
import { injectDebugId } from './minified-app.js';
import type { MinifiedApp } from './minified-app.js';
import { FIXTURES_DIR } from './paths.js';
import { makeTempDir } from './temp-dir.js';

const APP_DIR = path.join(FIXTURES_DIR, 'bundled-node-app');

export interface BundledNodeApp {
  app: MinifiedApp;
  /** The bundle's path, as V8 names it in stacks. */
  file: string;
  cleanup(): void;
}

export async function buildBundledNodeApp(): Promise<BundledNodeApp> {
  const output = await build({
    input: path.join(APP_DIR, 'src', 'main.js'),
    cwd: APP_DIR,
    platform: 'node',
    write: false,
    output: { format: 'esm', minify: true, sourcemap: true },
  });
  const chunk = output.output[0];
  if (chunk.map === null) throw new Error('rolldown wrote no source map');
  const app = injectDebugId(chunk.code, chunk.map.toString());
  const temp = makeTempDir('faultline-bundled-');
  const file = path.join(temp.dir, 'app.mjs');
  fs.writeFileSync(file, app.code);
  fs.writeFileSync(`${file}.map`, app.map);
  return { app, file, cleanup: temp.cleanup };
}
