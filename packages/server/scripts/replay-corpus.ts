/**
 * Replays a corpus of real SDK traffic through a real server and checks each event is accepted,
 * digested and shown: `npm run corpus -- [DIR]` (default ../shared/corpus).
 *
 * - captures/<sdk>/NN.meta.json + NN.body: requests exactly as SDKs sent them; replayed with the
 *   same method, headers and body, the URL's project and key swapped for this server's.
 * - sentry-samples/*.json: event payloads, posted to the legacy store endpoint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { dsnFromString } from '@faultline/protocol';
import type { SentryEvent } from '@faultline/protocol';
import { summarizeEvent } from '../src/digest/summarize.js';
import { startServer } from '../src/server.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';

interface Meta {
  method: string;
  url: string;
  headers: Record<string, string>;
}

interface Row {
  name: string;
  status: number;
  eventId: string | undefined;
  result: string;
}

const corpusDir = path.resolve(process.argv[2] ?? '../shared/corpus');
if (!fs.existsSync(corpusDir)) {
  console.error(`no corpus at ${corpusDir}`);
  process.exit(2);
}

const temp = makeTempDir('faultline-corpus-');
const server = await startServer({
  store: { kind: 'sqlite', dataDir: temp.dir },
  host: '127.0.0.1',
  port: 0,
  logger: pino({ level: 'warn' }),
});
const dsn = dsnFromString(server.dsn);
const rows: Row[] = [];

async function send(
  name: string,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
) {
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as { id?: string; detail?: string }) : {};
  rows.push({ name, status: response.status, eventId: parsed.id, result: parsed.detail ?? '' });
}

const capturesDir = path.join(corpusDir, 'captures');
for (const sdk of fs.existsSync(capturesDir) ? fs.readdirSync(capturesDir).sort() : []) {
  for (const file of fs
    .readdirSync(path.join(capturesDir, sdk))
    .filter((f) => f.endsWith('.meta.json'))
    .sort()) {
    const meta = JSON.parse(fs.readFileSync(path.join(capturesDir, sdk, file), 'utf8')) as Meta;
    const body = fs.readFileSync(path.join(capturesDir, sdk, file.replace('.meta.json', '.body')));
    const original = new URL(meta.url, 'http://corpus');
    original.pathname = original.pathname.replace(/\/api\/\d+\//, `/api/${dsn.projectId}/`);
    if (original.searchParams.has('sentry_key'))
      original.searchParams.set('sentry_key', dsn.publicKey);
    const headers = Object.fromEntries(
      Object.entries(meta.headers)
        .filter(
          ([name]) => !['host', 'connection', 'transfer-encoding', 'content-length'].includes(name),
        )
        .map(([name, value]) => [
          name,
          name === 'x-sentry-auth'
            ? value.replace(/sentry_key=[^,\s]+/, `sentry_key=${dsn.publicKey}`)
            : value,
        ]),
    );
    await send(
      `${sdk}/${file.replace('.meta.json', '')}`,
      `${server.url}${original.pathname}${original.search}`,
      meta.method,
      headers,
      body,
    );
  }
}

const samplesDir = path.join(corpusDir, 'sentry-samples');
for (const file of fs.existsSync(samplesDir)
  ? fs
      .readdirSync(samplesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : []) {
  const body = fs.readFileSync(path.join(samplesDir, file));
  await send(
    `sentry-samples/${file}`,
    `${server.url}/api/${dsn.projectId}/store/`,
    'POST',
    {
      'content-type': 'application/json',
      'x-sentry-auth': `Sentry sentry_version=7, sentry_client=corpus/1.0, sentry_key=${dsn.publicKey}`,
    },
    body,
  );
}

await server.idle();
// Outcome counts reach the store about once a second.
await new Promise((resolve) => setTimeout(resolve, 1500));
const store = openSqliteStore(temp.dir, { readonly: true });
let failures = 0;
for (const row of rows) {
  if (row.status !== 200) {
    failures++;
    row.result = `REFUSED ${row.result}`;
    continue;
  }
  if (row.eventId === undefined) {
    row.result = 'accepted (no event in this envelope)';
    continue;
  }
  const stored = await store.getEvent(Number(dsn.projectId), row.eventId);
  if (stored === undefined) {
    failures++;
    row.result = 'NOT STORED';
    continue;
  }
  const issue = await store.getIssue(stored.issueId);
  row.result = `issue ${stored.issueId}: ${summarizeEvent(stored.event as unknown as SentryEvent).title.slice(0, 70)} (${issue?.culprit.slice(0, 40) ?? ''})`;
}
for (const row of rows) console.log(`${row.status}  ${row.name.padEnd(72)}  ${row.result}`);
const outcomes = await store.listOutcomes(Number(dsn.projectId));
console.log(
  `\n${rows.length} requests, ${failures} failed; outcomes: ${outcomes.map((o) => `${o.category}/${o.outcome}${o.reason ? `/${o.reason}` : ''}=${o.quantity}`).join(', ')}`,
);
await store.close();
await server.close();
temp.cleanup();
process.exitCode = failures === 0 ? 0 : 1;
