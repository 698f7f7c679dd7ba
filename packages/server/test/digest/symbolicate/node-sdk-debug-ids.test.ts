/**
 * A Node service bundled and minified with @faultline/node inside it, its debug ID injected as
 * sentry-cli does, throws and reports to a real Faultline server over HTTP: the stored event
 * names the bundle's debug ID in `debug_meta`, and the symbolicator, given that bundle, maps the
 * stored frames back to the original files and functions. The SDK sends what the server needs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent } from '@faultline/protocol';
import { BundleSourceMapSource } from '../../../src/digest/symbolicate/artifact-bundle/bundle-source.js';
import { Symbolicator } from '../../../src/digest/symbolicate/symbolicator.js';
import { buildBundledNodeApp } from '../../helpers/bundled-node-app.js';
import type { BundledNodeApp } from '../../helpers/bundled-node-app.js';
import { artifactBundleOf } from '../../helpers/minified-app.js';
import { runProcess } from '../../helpers/run-process.js';
import { startTestServer } from '../../helpers/test-server.js';
import type { TestServer } from '../../helpers/test-server.js';

describe('@faultline/node in a bundled service', () => {
  let server: TestServer;
  let bundled: BundledNodeApp;
  let stored: SentryEvent;

  before(async () => {
    server = await startTestServer();
    bundled = await buildBundledNodeApp();
    const run = await runProcess(process.execPath, [bundled.file], {
      env: { ...process.env, FAULTLINE_DSN: server.dsn, SENTRY_DSN: '' },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { flushed: true });
    await server.idle();
    const [issue] = await server.store.listIssues({ projectId: server.projectId });
    assert.ok(issue !== undefined, 'the event was stored');
    const [record] = await server.store.listEvents(issue.id, {});
    stored = record?.event as unknown as SentryEvent;
  });
  after(async () => {
    bundled?.cleanup();
    await server?.stop();
  });

  it('sends the injected debug ID for the bundle, once, in debug_meta', () => {
    assert.deepEqual(stored['debug_meta'], {
      images: [{ type: 'sourcemap', code_file: bundled.file, debug_id: bundled.app.debugId }],
    });
    const frames = stored.exception?.values?.[0]?.stacktrace?.frames ?? [];
    assert.equal(frames.at(-1)?.filename, bundled.file, 'the frame that threw is in the bundle');
  });

  it('is what the symbolicator needs to map the stored frames by debug ID', async () => {
    const event = structuredClone(stored);
    const source = new BundleSourceMapSource();
    // Uploaded under no release: only the debug ID can find it.
    source.addBundle(artifactBundleOf(bundled.app, 'app.mjs'));

    const result = await new Symbolicator().symbolicateEvent(event, source);

    const frames = event.exception?.values?.[0]?.stacktrace?.frames ?? [];
    const mapped = frames.filter((frame) => frame.data?.['symbolicated'] === true);
    assert.equal(result.mapped, mapped.length);
    assert.deepEqual(
      mapped
        .slice(-3)
        .map((frame) => [frame.filename?.split('/').slice(-2).join('/'), frame.function]),
      [
        ['src/main.js', 'handleOrder'],
        ['src/pricing.js', 'priceOrder'],
        ['src/pricing.js', 'priceLine'],
      ],
    );
    const thrower = mapped.at(-1);
    assert.equal(
      thrower?.context_line,
      '    throw new RangeError(`negative price for ${line.sku}`);',
    );
    assert.deepEqual(thrower?.data, {
      symbolicated: true,
      resolved_with: 'debug-id',
      sourcemap: bundled.app.debugId,
    });
  });
});
