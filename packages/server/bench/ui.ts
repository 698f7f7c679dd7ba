/**
 * `npm run bench:ui`: the web UI's weight and speed.
 *
 *   1. Weight: each built JS and CSS file of packages/web/dist/assets, gzipped, and the JS total
 *      against the budget (300 KB gzipped, React included). Over budget exits 1.
 *   2. Speed (skipped with --size-only, or without Debian's chromium): a server in this process
 *      with --issues distinct issues and --events events in all (issue 6's target is 10,000 and
 *      1,000,000; the default is 10,000 of each, about a minute; the target takes about ten).
 *      Each issue's first event goes through HTTP ingest; the rest are queued straight into the
 *      store's ingest queue (the same bytes ingest would write) for the digest to take, since
 *      a million HTTP round trips would measure the load generator. Then in chromium the time from
 *      navigation to the first meaningful render: the list's first row, and an issue page's
 *      first frame of its cause chain. Median and worst of --runs loads each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DEFAULT_UI_DIR } from '../src/web/serve-ui.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../test/helpers/api-client.js';
import {
  authQuery,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from '../test/helpers/envelopes.js';
import { startTestServer } from '../test/helpers/test-server.js';

const { values } = parseArgs({
  options: {
    issues: { type: 'string', default: '10000' },
    events: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    'size-only': { type: 'boolean', default: false },
  },
});
const BUDGET_BYTES = 300 * 1024;
const CHROMIUM = '/usr/bin/chromium';
const QUEUE_BATCH = 5000;
const QUEUE_AHEAD = 20_000;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const assets = path.join(DEFAULT_UI_DIR, 'assets');
if (!fs.existsSync(assets)) {
  console.error(`no build at ${DEFAULT_UI_DIR}: run \`npm run build\` first`);
  process.exit(1);
}
let totalJs = 0;
for (const name of fs.readdirSync(assets).sort()) {
  if (!/\.(js|css)$/.test(name)) continue;
  const bytes = fs.readFileSync(path.join(assets, name));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  if (name.endsWith('.js')) totalJs += gzipped;
  console.log(
    `${name.padEnd(32)} ${kb(bytes.length).padStart(10)} ${kb(gzipped).padStart(10)} gzipped`,
  );
}
console.log(`JS total, gzipped: ${kb(totalJs)} (budget ${kb(BUDGET_BYTES)})`);
if (totalJs > BUDGET_BYTES) process.exit(1);

if (values['size-only']) process.exit(0);
if (!fs.existsSync(CHROMIUM)) {
  console.log(`render times skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(0);
}

const issues = Number(values.issues);
const events = Math.max(issues, Number(values.events));
const runs = Number(values.runs);
const server = await startTestServer({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
try {
  const seeding = performance.now();
  const url = `${server.url}/api/${server.projectId}/envelope/${authQuery(server.publicKey)}`;
  let next = 0;
  const benchEvent = (n: number) =>
    nodeErrorEvent(newEventId(), {
      message: `bench problem ${n % issues}`,
      fingerprint: [`bench-${n % issues}`],
    });
  const sendAll = async (until: number) => {
    for (let n = next++; n < until; n = next++) {
      const result = await post(url, eventEnvelope(benchEvent(n)));
      if (result.status !== 200) throw new Error(`ingest answered ${result.status}`);
    }
  };
  const queueDirectly = async (from: number, until: number) => {
    for (let start = from; start < until; start += QUEUE_BATCH) {
      const entries = [];
      for (let n = start; n < Math.min(until, start + QUEUE_BATCH); n++) {
        const event = benchEvent(n);
        entries.push({
          projectId: server.projectId,
          eventId: String(event['event_id']),
          kind: 'event' as const,
          receivedAt: Date.now() / 1000,
          envelope: new Uint8Array(eventEnvelope(event)),
        });
      }
      await server.store.enqueue(entries);
      // Keep the queue a few batches ahead of the digest, not a million rows ahead of it.
      await waitUntilStored(() => server.store.countEvents(server.projectId), start - QUEUE_AHEAD);
    }
  };
  const overHttp = Math.min(events, issues);
  await Promise.all(Array.from({ length: 16 }, () => sendAll(overHttp)));
  await queueDirectly(overHttp, events);
  await waitUntilStored(() => server.store.countEvents(server.projectId), events);
  console.log(
    `seeded ${issues} issues, ${events} events in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.issue-row').first().waitFor();
    const issueId = await page.locator('.issue-row').nth(5).getAttribute('data-issue-id');

    const time = async (label: string, target: string, selector: string) => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        await page.goto(server.url + target);
        await page.locator(selector).first().waitFor();
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)]!;
      console.log(
        `${label.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms   worst ${samples.at(-1)!.toFixed(0).padStart(5)} ms`,
      );
    };
    await time('issues list, first row', `/projects/${server.projectId}/issues/`, '.issue-row');
    await time('issue page, first frame', `/issues/${issueId}/`, '.cause-chain .frame');
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}

/** Polls the stored count: the bench must not hang on a stalled digest, but say so. */
async function waitUntilStored(count: () => Promise<number>, expected: number): Promise<void> {
  let last = -1;
  let lastChange = performance.now();
  for (;;) {
    const stored = await count();
    if (stored >= expected) return;
    if (stored !== last) [last, lastChange] = [stored, performance.now()];
    if (performance.now() - lastChange > 60_000) {
      throw new Error(`digest stalled: ${stored} of ${expected} events stored after a minute`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
