/**
 * `npm run fuzz`: mutates real inputs (the bench's events, built-in envelopes of every item type,
 * and the corpus of real SDK requests when it is there) and sends them to a real server over
 * HTTP, holding it to: no 5xx (503/429 only with Retry-After), an answer to every request, the
 * server up throughout, and every event acknowledged with 200 stored exactly once.
 *
 *   --seed N          the run's seed (default: random; printed) — the same seed, the same inputs
 *   --count N         inputs at most (FUZZ_COUNT, default 20000)
 *   --seconds N       sending time at most (FUZZ_SECONDS, default 40)
 *   --corpus DIR      the corpus to mutate (FAULTLINE_CORPUS, default ../shared/corpus; "none")
 *   --concurrency N   requests in flight (default 4)
 *   --health-every N  a /healthz check after every N requests (default 100)
 *   --idle-timeout N  seconds digest may take to catch up after the last input (default 30)
 *   --out DIR         where failing inputs are saved (default: a new temp dir)
 *
 * Exits 1 on any violation, naming a saved reproducer for each kind; replay them with
 * `npm run corpus -- <out dir>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatStatuses, formatSummary, formatViolations } from './fuzz/print-run.js';
import { saveReproducers } from './fuzz/reproducers.js';
import { DEFAULT_FUZZ_OPTIONS, runFuzz } from './fuzz/run-fuzz.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: process.env['FUZZ_SEED'] },
    count: { type: 'string', default: process.env['FUZZ_COUNT'] },
    seconds: { type: 'string', default: process.env['FUZZ_SECONDS'] },
    corpus: { type: 'string', default: process.env['FAULTLINE_CORPUS'] ?? '../shared/corpus' },
    concurrency: { type: 'string' },
    'health-every': { type: 'string' },
    out: { type: 'string' },
    'idle-timeout': { type: 'string' },
    'log-level': { type: 'string' },
  },
});

function numberOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} must be a number, not "${text}"`);
    process.exit(2);
  }
  return value;
}

const corpusDir =
  values.corpus === 'none' || !fs.existsSync(values.corpus!)
    ? undefined
    : path.resolve(values.corpus!);
const seed = numberOption('seed', values.seed, Math.floor(Math.random() * 2 ** 31));
const run = await runFuzz({
  seed,
  count: numberOption('count', values.count, DEFAULT_FUZZ_OPTIONS.count),
  seconds: numberOption('seconds', values.seconds, DEFAULT_FUZZ_OPTIONS.seconds),
  corpusDir,
  concurrency: numberOption('concurrency', values.concurrency, DEFAULT_FUZZ_OPTIONS.concurrency),
  healthEvery: Math.max(
    1,
    numberOption('health-every', values['health-every'], DEFAULT_FUZZ_OPTIONS.healthEvery),
  ),
  requestTimeoutSeconds: DEFAULT_FUZZ_OPTIONS.requestTimeoutSeconds,
  idleTimeoutSeconds: numberOption(
    'idle-timeout',
    values['idle-timeout'],
    DEFAULT_FUZZ_OPTIONS.idleTimeoutSeconds,
  ),
  logLevel: values['log-level'] ?? DEFAULT_FUZZ_OPTIONS.logLevel,
});

console.log(formatStatuses(run));
console.log();
console.log(`corpus: ${corpusDir ?? 'none (built-in seeds only)'}`);
console.log(formatSummary(run));
if (run.violations.length > 0) {
  const out = values.out ?? fs.mkdtempSync(path.join(os.tmpdir(), `faultline-fuzz-${seed}-`));
  const reproducers = saveReproducers(out, run.violations);
  console.log(formatViolations(run.violations, reproducers));
  console.log(`failing inputs saved in ${out} (replay: npm run corpus -- ${out})`);
  process.exitCode = 1;
}
