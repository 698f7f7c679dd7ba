/**
 * `npm run bench:alerts`: how long after ingest acknowledges a new issue's first event its
 * webhook arrives (issue 7's target: ≤ 2 s at p95 under normal load), beside the baseline of
 * the same events reaching the live stream in the same run (what the web UI shows): both are
 * woken by the digest of the batch that stored the event.
 *
 * A real server in this process on a temp SQLite dir; a background load of events into an
 * existing issue (--load per second); --samples new issues, each in its own project (a project's
 * rule would otherwise fold a quick succession of new issues into one storm summary), spaced
 * --gap-ms apart; a node:http receiver takes the webhooks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { dsnFromString } from '@faultline/protocol';
import { FaultlineClient } from '../src/client/api-client.js';
import { startServer } from '../src/server.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import {
  authQuery,
  eventEnvelope,
  newEventId,
  nodeErrorEvent,
  post,
} from '../test/helpers/envelopes.js';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '40' },
    'gap-ms': { type: 'string', default: '250' },
    load: { type: 'string', default: '50' },
  },
});
const samples = Number(values.samples);
const gapMs = Number(values['gap-ms']);
const loadPerSecond = Number(values.load);
const ADMIN = { email: 'bench@example.com', password: 'bench password 1' };

const webhookAt = new Map<string, number>();
const receiver = createServer((request, response) => {
  let text = '';
  request.on('data', (chunk: Buffer) => (text += chunk.toString()));
  request.on('end', () => {
    const body = JSON.parse(text) as { issues: Array<{ title: string }> };
    for (const issue of body.issues) {
      const marker = /\(sample (\d+)\)/.exec(issue.title)?.[1];
      if (marker !== undefined) webhookAt.set(marker, performance.now());
    }
    response.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const data = makeTempDir();
const server = await startServer({
  store: { kind: 'sqlite', dataDir: data.dir },
  host: '127.0.0.1',
  port: 0,
  logger: pino({ level: 'silent' }),
  admin: ADMIN,
});
const session = await new FaultlineClient(server.url).login(ADMIN.email, ADMIN.password);
const asAdmin = new FaultlineClient(server.url, {
  cookie: session.cookie,
  csrfToken: session.csrfToken,
});
const { token } = await asAdmin.createToken('bench', 'admin');
const client = new FaultlineClient(server.url, { token });

interface Sample {
  envelopeUrl: string;
  ackedAt?: number;
  storedAt?: number;
}
const projects: Sample[] = [];
for (let n = 0; n < samples; n += 1) {
  const project = await client.createProject(`bench ${n}`);
  const channel = await client.request<{ id: number }>(
    'POST',
    `/api/0/projects/${project.id}/alert-channels/`,
    { name: 'hook', config: { kind: 'webhook', url: hookUrl } },
  );
  await client.request('POST', `/api/0/projects/${project.id}/alert-rules/`, {
    name: 'new issues',
    trigger: 'new_issue',
    channelIds: [channel.id],
  });
  const dsn = dsnFromString(project.keys[0]!.dsn);
  projects.push({
    envelopeUrl: `${server.url}/api/${dsn.projectId}/envelope/${authQuery(dsn.publicKey)}`,
  });
}

// The baseline: when each sample's event reaches the live stream.
const stopStream = new AbortController();
const stream = await client.stream({ signal: stopStream.signal });
void (async () => {
  try {
    for await (const event of stream) {
      const marker = /\(sample (\d+)\)/.exec(event.title)?.[1];
      if (marker !== undefined) projects[Number(marker)]!.storedAt = performance.now();
    }
  } catch {
    // stopped
  }
})();

const defaultDsn = dsnFromString(server.dsn);
const loadUrl = `${server.url}/api/${defaultDsn.projectId}/envelope/${authQuery(defaultDsn.publicKey)}`;
let loading = true;
const load = (async () => {
  while (loading) {
    const started = performance.now();
    await post(
      loadUrl,
      eventEnvelope(nodeErrorEvent(newEventId(), { fingerprint: ['background'] })),
    );
    const wait = 1000 / loadPerSecond - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
})();

for (const [n, sample] of projects.entries()) {
  const event = nodeErrorEvent(newEventId(), {
    fingerprint: [`sample-${n}`],
    exception: { values: [{ type: 'BenchError', value: `new problem (sample ${n})` }] },
  });
  const answer = await post(sample.envelopeUrl, eventEnvelope(event));
  if (answer.status !== 200) throw new Error(`sample ${n}: HTTP ${answer.status}`);
  sample.ackedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, gapMs));
}
const deadline = performance.now() + 30_000;
while (webhookAt.size < samples && performance.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
loading = false;
await load;
stopStream.abort();

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const stored = projects.flatMap((s) => (s.storedAt && s.ackedAt ? [s.storedAt - s.ackedAt] : []));
const alerted = projects.flatMap((s, n) => {
  const at = webhookAt.get(String(n));
  return at !== undefined && s.ackedAt !== undefined ? [at - s.ackedAt] : [];
});
const ms = (value: number) => `${value.toFixed(0)} ms`;
console.log(
  `samples: ${samples} new issues, ${gapMs} ms apart, under ${loadPerSecond} background events/s`,
);
console.log(`delivered: ${alerted.length} of ${samples} webhooks`);
console.log(
  `acknowledged → live stream (baseline): p50 ${ms(percentile(stored, 50))}, p95 ${ms(percentile(stored, 95))}`,
);
console.log(
  `acknowledged → webhook received:  p50 ${ms(percentile(alerted, 50))}, p95 ${ms(percentile(alerted, 95))}, max ${ms(Math.max(...alerted))}`,
);
console.log(
  `alert p95 / live stream p95: ${(percentile(alerted, 95) / percentile(stored, 95)).toFixed(2)}; target p95 ≤ 2000 ms: ${percentile(alerted, 95) <= 2000 ? 'met' : 'NOT met'}`,
);

await server.close();
receiver.close();
data.cleanup();
