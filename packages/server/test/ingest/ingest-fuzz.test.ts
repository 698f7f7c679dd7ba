/**
 * The fuzzer (`npm run fuzz`, scripts/fuzz/) in the suite: a few hundred mutated inputs from the
 * built-in seeds (the suite does not depend on the outside corpus) against a real server, with
 * a fixed seed, held to the same promises as the script: no 5xx, always an answer, the server
 * up, every acknowledged event stored exactly once.
 */
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputStream } from '../../scripts/fuzz/input-stream.js';
import { formatStatuses, formatViolations } from '../../scripts/fuzz/print-run.js';
import { DEFAULT_FUZZ_OPTIONS, runFuzz } from '../../scripts/fuzz/run-fuzz.js';
import { builtinSeeds } from '../../scripts/fuzz/seeds.js';

const COUNT = 300;

describe('ingest under fuzzing', () => {
  it('generates the same inputs from the same seed, and others from another', () => {
    const seeds = builtinSeeds();
    const target = { host: '127.0.0.1:9', projectId: 1, publicKey: 'a'.repeat(32) };
    const digestOf = (seed: number) => {
      const stream = new InputStream(seed, seeds, target);
      const hash = createHash('sha256');
      for (let i = 0; i < 60; i++) {
        const input = stream.next();
        hash.update(input.path).update(JSON.stringify(input.headers)).update(input.body);
      }
      return hash.digest('hex');
    };
    assert.equal(digestOf(13), digestOf(13));
    assert.notEqual(digestOf(13), digestOf(14));
  });

  it(`answers ${COUNT} mutated inputs without a 5xx, stays up, and stores each acknowledged event once`, async () => {
    const run = await runFuzz({
      ...DEFAULT_FUZZ_OPTIONS,
      seed: 13,
      count: COUNT,
      // Generous: the count is what bounds this run; the time only stops a hang.
      seconds: 120,
      concurrency: 2,
      idleTimeoutSeconds: 30,
    });
    assert.equal(run.sent, COUNT);
    // The fuzzer exercised both sides: events were accepted, and bad input was refused.
    assert.ok(run.acknowledgedEvents > COUNT / 10, formatStatuses(run));
    assert.ok(
      [...run.statuses.keys()].some((status) => status.startsWith('4')),
      formatStatuses(run),
    );
    assert.deepEqual(
      run.violations.map((violation) => violation.kind),
      [],
      `${formatStatuses(run)}\n${formatViolations(run.violations, new Map())}`,
    );
  });
});
