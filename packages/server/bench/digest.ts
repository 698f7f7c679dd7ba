/**
 * `npm run bench:digest`: the digest pipeline alone, in one process, on the bench's ≈14 KB
 * @sentry/node-shaped event (~1 % opening new issues), against a baseline that does only the
 * work no design can skip: parse the payload, serialize it again, deflate it.
 *
 * Prints, per event, wall time and process CPU time of:
 *   baseline   JSON.parse + JSON.stringify + deflate (level 1)
 *   pipeline   digestBatch: parse, normalize, scrub, group, summarize, encode
 *   persist    Store.completeBatch on a real SQLite file (one transaction per 200 events)
 * and the pipeline's cost as a multiple of the baseline. `--grouping v1|v2` sets the project's
 * grouping version (default v2); `--transition` puts it in a transition from the other one (two
 * hashes an event). Each figure is the best of 3 rounds
 * (this machine is noisy; the best round is the one least disturbed).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnvelope } from '@faultline/protocol';
import { digestBatch } from '../src/digest/pipeline.js';
import type { DigestResult } from '../src/digest/pipeline.js';
import { encodeEventPayload } from '../src/store/payload-codec.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { ClaimedEnvelope } from '../src/store/types.js';
import { makeEnvelopeFactory } from './sample-event.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    // The project's grouping version, and whether it is in a transition from the other one
    // (every event hashed twice: digest/grouping/transition.ts).
    grouping: { type: 'string', default: 'v2' },
    transition: { type: 'boolean', default: false },
  },
});
const count = Number(values.events);
const BATCH = 200;
const ROUNDS = 3;

interface Cost {
  wallUs: number;
  cpuUs: number;
}

async function measure(run: () => Promise<void> | void): Promise<Cost> {
  let best: Cost = { wallUs: Infinity, cpuUs: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run();
    const wallUs = ((performance.now() - started) * 1000) / count;
    const used = process.cpuUsage(cpu);
    if (wallUs < best.wallUs) best = { wallUs, cpuUs: (used.user + used.system) / count };
  }
  return best;
}

const factory = makeEnvelopeFactory();
const receivedAt = Date.now() / 1000;
const claimed: ClaimedEnvelope[] = Array.from({ length: count }, (_, index) => {
  const eventId = randomUUID().replaceAll('-', '');
  const functionName = index % 100 === 0 ? `loadCart_${index}` : 'loadCart';
  return {
    queueId: index + 1,
    projectId: 1,
    eventId,
    kind: 'event',
    receivedAt,
    envelope: factory.body(eventId, functionName),
  };
});
const payloads = claimed.map((entry) => parseEnvelope(entry.envelope).items[0]!.payload);
const batches = Array.from({ length: Math.ceil(count / BATCH) }, (_, index) =>
  claimed.slice(index * BATCH, (index + 1) * BATCH),
);

const baseline = await measure(() => {
  for (const payload of payloads) {
    const event: unknown = JSON.parse(Buffer.from(payload).toString('utf8'));
    encodeEventPayload(JSON.stringify(event));
  }
});

const project = {
  id: 1,
  name: 'bench',
  slug: 'bench',
  createdAt: receivedAt,
  scrubData: true,
  scrubFields: [],
  quota: undefined,
  retentionDays: undefined,
  maxEventsPerIssue: undefined,
  allowedOrigins: [],
  groupingVersion: values.grouping,
  secondaryGrouping: values.transition
    ? { version: values.grouping === 'v1' ? 'v2' : 'v1', until: receivedAt + 86400 }
    : undefined,
};
const context = {
  project: () => Promise.resolve(project),
  onEntryFailed: (error: unknown) => {
    throw error;
  },
};
let results: DigestResult[] = [];
const pipeline = await measure(async () => {
  results = [];
  for (const batch of batches) results.push(await digestBatch(batch, context));
});

// Persisting the same events again would be skipped as duplicates: each round gets a new store.
const persist = await measure(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-bench-digest-'));
  const store = openSqliteStore(dataDir);
  try {
    if ((await store.getProject(1)) === undefined) await store.createProject('bench');
    for (const [index, batch] of batches.entries())
      await store.completeBatch(batch, results[index]!.batch);
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

const fmt = (cost: Cost) =>
  `${cost.wallUs.toFixed(0).padStart(5)} us wall  ${cost.cpuUs.toFixed(0).padStart(5)} us CPU`;
console.log(
  [
    `events                     ${count.toLocaleString('en-US')} x ${factory.size.toLocaleString('en-US')} bytes, best of ${ROUNDS} rounds, per event:`,
    `baseline (parse+stringify+deflate)  ${fmt(baseline)}`,
    `digest pipeline                     ${fmt(pipeline)}   (${(pipeline.cpuUs / baseline.cpuUs).toFixed(2)}x baseline CPU)`,
    `persist (SQLite, 200 per commit)    ${fmt(persist)}`,
    `one core digests                    ${Math.round(1e6 / (pipeline.cpuUs + persist.cpuUs)).toLocaleString('en-US')} events/s`,
  ].join('\n'),
);
