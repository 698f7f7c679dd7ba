/**
 * A small multi-file app (test/fixtures/minified-app) bundled and minified by a real bundler
 * (rolldown, Vite's), with source maps carrying `sourcesContent`, debug IDs injected the way
 * `sentry-cli sourcemaps inject` does, and run in this process so that a real V8 stack is
 * captured by the real @sentry/node client.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { NodeClient, defaultStackParser } from '@sentry/node';
import type { ErrorEvent } from '@sentry/node';
import { build } from 'rolldown';
import { FIXTURES_DIR } from './paths.js';
import { makeTempDir } from './temp-dir.js';
import { artifactBundleZip } from './zip-writer.js';

export interface MinifiedApp {
  code: string;
  map: string;
  debugId: string;
}

const APP_DIR = path.join(FIXTURES_DIR, 'minified-app');

export async function buildMinifiedApp(): Promise<MinifiedApp> {
  const temp = makeTempDir('faultline-app-');
  try {
    fs.cpSync(path.join(APP_DIR, 'src'), path.join(temp.dir, 'src'), { recursive: true });
    fs.cpSync(path.join(APP_DIR, 'deps'), path.join(temp.dir, 'node_modules'), { recursive: true });
    const output = await build({
      input: path.join(temp.dir, 'src', 'main.js'),
      cwd: temp.dir,
      write: false,
      output: {
        dir: path.join(temp.dir, 'dist'),
        format: 'iife',
        name: 'shopBundle',
        minify: true,
        sourcemap: true,
      },
    });
    const chunk = output.output[0];
    if (chunk.map === null) throw new Error('rolldown wrote no source map');
    return injectDebugId(chunk.code, chunk.map.toString());
  } finally {
    temp.cleanup();
  }
}

/**
 * What `sentry-cli sourcemaps inject` does (src/utils/sourcemaps/inject.rs): the debug ID is a
 * hash of the map; a snippet recording it in `_sentryDebugIds` goes on a line of its own at the
 * top (so the map's mappings move down a line), `//# debugId=` at the end, and the ID into the
 * map as `debug_id` (2.x) and `debugId` (3.x).
 */
export function injectDebugId(code: string, mapText: string): MinifiedApp {
  const hash = createHash('sha256').update(mapText).digest('hex');
  const debugId = [
    hash.slice(0, 8),
    hash.slice(8, 12),
    `4${hash.slice(13, 16)}`,
    `8${hash.slice(17, 20)}`,
    hash.slice(20, 32),
  ].join('-');
  const snippet =
    ';!function(){try{var e="undefined"!=typeof window?window:"undefined"!=typeof global?global:' +
    '"undefined"!=typeof globalThis?globalThis:"undefined"!=typeof self?self:{},n=(new e.Error).stack;' +
    `n&&(e._sentryDebugIds=e._sentryDebugIds||{},e._sentryDebugIds[n]="${debugId}",` +
    `e._sentryDebugIdIdentifier="sentry-dbid-${debugId}")}catch(e){}}();`;
  const map = JSON.parse(mapText) as Record<string, unknown>;
  map['mappings'] = `;${String(map['mappings'])}`;
  map['debug_id'] = debugId;
  map['debugId'] = debugId;
  return {
    code: `${snippet}\n${code.trimEnd()}\n//# debugId=${debugId}\n`,
    map: JSON.stringify(map),
    debugId,
  };
}

/**
 * The artifact bundle `sentry-cli sourcemaps upload` makes of the app served at `~/<urlPath>`:
 * the minified file and its map, both named by the debug ID.
 */
export function artifactBundleOf(
  app: MinifiedApp,
  urlPath: string,
  release?: { release?: string; dist?: string },
): Buffer {
  const mapName = `${path.posix.basename(urlPath)}.map`;
  return artifactBundleZip(
    [
      {
        url: `~/${urlPath}`,
        type: 'minified_source',
        data: app.code,
        headers: { 'debug-id': app.debugId, Sourcemap: mapName },
      },
      {
        url: `~/${urlPath}.map`,
        type: 'source_map',
        data: app.map,
        headers: { 'debug-id': app.debugId },
      },
    ],
    release,
  );
}

/** Runs the minified file as if served at `url` and returns the app's global API. */
export function loadMinifiedApp(app: MinifiedApp, url: string): ShopApi {
  vm.runInThisContext(app.code, { filename: url });
  return (globalThis as unknown as { shop: ShopApi }).shop;
}

export interface ShopApi {
  checkout(discount: number): string;
  orderQuantities(lines: string[]): number[];
}

/** The event @sentry/node sends for an error thrown by `run`, debug IDs and all. */
export async function captureWithSentryNode(
  run: () => unknown,
  options: { release?: string; dist?: string } = {},
): Promise<ErrorEvent> {
  let captured: ErrorEvent | undefined;
  const client = new NodeClient({
    dsn: 'http://public@127.0.0.1:9/1',
    stackParser: defaultStackParser,
    integrations: [],
    ...options,
    transport: () => ({ send: async () => ({}), flush: async () => true }),
    beforeSend: (event) => {
      captured = event;
      return null;
    },
  });
  let threw = false;
  try {
    run();
  } catch (error) {
    threw = true;
    client.captureException(error);
  }
  if (!threw) throw new Error('the app did not throw');
  await client.flush(1000);
  if (captured === undefined) throw new Error('@sentry/node captured nothing');
  return captured;
}
