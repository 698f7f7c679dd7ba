/**
 * One fuzz run: a real Faultline server in this process (SQLite in a temp dir), the inputs sent
 * over real HTTP until the count or the time is spent, a health check every few requests, then
 * — once digest is idle — every acknowledged event looked up in the store. Returns what it saw;
 * printing is the caller's (fuzz.ts, the suite's test).
 */
import http from 'node:http';
import { pino } from 'pino';
import { dsnFromString } from '@faultline/protocol';
import { startServer } from '../../src/server.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import type { Target } from './auth.js';
import { watchForCrashes } from './crash-watch.js';
import { InputStream, regenerateInputs } from './input-stream.js';
import { builtinSeeds, corpusSeeds } from './seeds.js';
import { sendAll } from './send-all.js';
import { storedEventCounts } from './stored-events.js';
import type { Violation } from './violations.js';

export interface FuzzOptions {
  seed: number;
  /** Inputs to send at most. */
  count: number;
  /** Seconds to send for at most (digest's catching up comes after). */
  seconds: number;
  /** A corpus directory (../shared/corpus) to mutate besides the built-in seeds. */
  corpusDir: string | undefined;
  concurrency: number;
  /** A health check after every this many requests. */
  healthEvery: number;
  requestTimeoutSeconds: number;
  /** How long digest may take to catch up after the last input. */
  idleTimeoutSeconds: number;
  /** The server's log level (its errors go to stderr). */
  logLevel: string;
}

export const DEFAULT_FUZZ_OPTIONS: Omit<FuzzOptions, 'seed'> = {
  count: 20_000,
  seconds: 40,
  corpusDir: undefined,
  concurrency: 4,
  healthEvery: 100,
  requestTimeoutSeconds: 30,
  idleTimeoutSeconds: 30,
  logLevel: 'silent',
};

export interface FuzzRun {
  seed: number;
  seedNames: string[];
  sent: number;
  sendSeconds: number;
  /** Answers by status and error code. */
  statuses: Map<string, number>;
  /** Distinct event ids acknowledged with 200, each of which must be stored once. */
  acknowledgedEvents: number;
  /** 200s for bodies the oracle could not read (nothing is expected of them). */
  unjudged: number;
  violations: Violation[];
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzRun> {
  const temp = makeTempDir('faultline-fuzz-');
  const crashes = watchForCrashes();
  const server = await startServer({
    store: { kind: 'sqlite', dataDir: temp.dir },
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: options.logLevel }, pino.destination(2)),
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const dsn = dsnFromString(server.dsn);
    const target: Target = {
      host: new URL(server.url).host,
      projectId: Number(dsn.projectId),
      publicKey: dsn.publicKey,
    };
    const seeds = [
      ...builtinSeeds(),
      ...(options.corpusDir === undefined ? [] : corpusSeeds(options.corpusDir)),
    ];
    const sending = await sendAll(
      options,
      server.url,
      agent,
      new InputStream(options.seed, seeds, target),
    );
    const violations = [...sending.violations];

    const idle = await Promise.race([
      server.idle().then(() => true),
      new Promise<false>((resolve) =>
        setTimeout(resolve, options.idleTimeoutSeconds * 1000, false).unref(),
      ),
    ]);
    if (!idle)
      violations.push({
        kind: 'not-digested-in-time',
        detail: `digest was not idle ${options.idleTimeoutSeconds} s after the last input`,
      });
    const stored = await storedEventCounts(temp.dir, target.projectId);
    const missing = new Map<number, Violation>();
    for (const [eventId, indices] of sending.acknowledged) {
      const copies = stored.get(eventId) ?? 0;
      if (copies === 1) continue;
      const kind = copies > 1 ? 'stored-twice' : idle ? 'lost' : 'not-digested-in-time';
      const detail = `event ${eventId}: acknowledged ${indices.length}× with 200, stored ${copies}×`;
      missing.set(indices[0]!, { kind, detail });
    }
    const inputs = regenerateInputs(options.seed, seeds, target, new Set(missing.keys()));
    for (const [index, violation] of missing)
      violations.push({ ...violation, input: inputs.get(index) });

    return {
      seed: options.seed,
      seedNames: seeds.map((seed) => seed.name),
      sent: sending.sent,
      sendSeconds: sending.seconds,
      statuses: sending.statuses,
      acknowledgedEvents: sending.acknowledged.size,
      unjudged: sending.unjudged,
      violations: [...violations, ...crashes.violations()],
    };
  } finally {
    agent.destroy();
    crashes.stop();
    await server.close();
    temp.cleanup();
  }
}
