/**
 * The real inputs the fuzzer mutates: the bench's @sentry/node-shaped event and a few envelopes
 * of the other item types SDKs send (always there, so the suite needs no outside files), plus,
 * when a corpus directory is given, the requests real SDKs sent (captures/) and Sentry's sample
 * payloads (sentry-samples/): see ../shared/corpus/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { makeEnvelopeFactory } from '../../bench/sample-event.js';
import { readEnvelopeParts, writeEnvelopeParts } from './envelope-parts.js';

export interface Seed {
  name: string;
  /** An envelope goes to /envelope/; an event to /store/, or wrapped, or posted to /envelope/. */
  kind: 'envelope' | 'event';
  /** Uncompressed. */
  body: Buffer;
  /** Headers the SDK sent that say something about the body (content-type, user-agent). */
  headers: Record<string, string>;
}

const PLACEHOLDER_ID = '0'.repeat(32);
const KEPT_HEADERS = new Set(['content-type', 'user-agent']);

/** The bench's envelope, its timestamp in whole seconds: every run's bodies are the same length. */
function benchEnvelope(seconds: number): Buffer {
  const parts = readEnvelopeParts(makeEnvelopeFactory().body(PLACEHOLDER_ID, 'loadCart'))!;
  const item = parts.items[0]!;
  const event = JSON.parse(item.payload.toString('utf8')) as Record<string, unknown>;
  event['timestamp'] = seconds;
  parts.items[0] = { ...item, payload: Buffer.from(JSON.stringify(event)) };
  return writeEnvelopeParts(parts);
}

export function builtinSeeds(): Seed[] {
  const seconds = Math.floor(Date.now() / 1000);
  const bench = benchEnvelope(seconds);
  const benchEvent = readEnvelopeParts(bench)!.items[0]!.payload;
  const now = new Date(seconds * 1000).toISOString();
  const envelope = (name: string, items: Array<[Record<string, unknown>, string]>): Seed => ({
    name,
    kind: 'envelope',
    body: writeEnvelopeParts({
      headers: { event_id: PLACEHOLDER_ID, sent_at: now },
      items: items.map(([headers, payload]) => ({ headers, payload: Buffer.from(payload) })),
    }),
    headers: {},
  });
  const message = JSON.stringify({ event_id: PLACEHOLDER_ID, message: 'hello', level: 'info' });
  return [
    { name: 'bench/envelope', kind: 'envelope', body: bench, headers: {} },
    { name: 'bench/event', kind: 'event', body: Buffer.from(benchEvent), headers: {} },
    envelope('builtin/event-with-attachment', [
      [{ type: 'event' }, message],
      [{ type: 'attachment', length: 11, filename: 'log.txt' }, 'line1\nline2'],
    ]),
    envelope('builtin/attachment-only', [
      [{ type: 'attachment', length: 5, filename: 'dump.bin' }, 'a\0b\nc'],
    ]),
    envelope('builtin/session', [
      [{ type: 'session' }, JSON.stringify({ sid: PLACEHOLDER_ID, status: 'ok', init: true })],
    ]),
    envelope('builtin/client-report', [
      [
        { type: 'client_report' },
        JSON.stringify({
          timestamp: seconds,
          discarded_events: [{ reason: 'queue_overflow', category: 'error', quantity: 2 }],
        }),
      ],
    ]),
    envelope('builtin/transaction', [
      [{ type: 'transaction' }, JSON.stringify({ type: 'transaction', spans: [] })],
    ]),
  ];
}

/** Seeds from a corpus directory (see its README); none when the directory is absent. */
export function corpusSeeds(corpusDir: string): Seed[] {
  return [...captureSeeds(path.join(corpusDir, 'captures')), ...sampleSeeds(corpusDir)];
}

interface CaptureMeta {
  url: string;
  headers: Record<string, string>;
}

function captureSeeds(capturesDir: string): Seed[] {
  const seeds: Seed[] = [];
  for (const sdk of listDir(capturesDir)) {
    for (const file of listDir(path.join(capturesDir, sdk))) {
      if (!file.endsWith('.meta.json')) continue;
      const base = path.join(capturesDir, sdk, file.slice(0, -'.meta.json'.length));
      const meta = JSON.parse(fs.readFileSync(`${base}.meta.json`, 'utf8')) as CaptureMeta;
      const raw = fs.readFileSync(`${base}.body`);
      const encoding = meta.headers['content-encoding'];
      const body = encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
      seeds.push({
        name: `captures/${sdk}/${path.basename(base)}`,
        kind: meta.url.includes('/store/') ? 'event' : 'envelope',
        body,
        headers: Object.fromEntries(
          Object.entries(meta.headers).filter(([name]) => KEPT_HEADERS.has(name)),
        ),
      });
    }
  }
  return seeds;
}

function sampleSeeds(corpusDir: string): Seed[] {
  const samplesDir = path.join(corpusDir, 'sentry-samples');
  return listDir(samplesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({
      name: `sentry-samples/${file}`,
      kind: 'event' as const,
      body: fs.readFileSync(path.join(samplesDir, file)),
      headers: { 'content-type': 'application/json' },
    }));
}

function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}
