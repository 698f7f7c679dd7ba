/** The overload run as text, and its verdict. */
import type { AfterLoad } from './after-load.js';
import type { Limits, Samples } from './samplers.js';
import type { Tally } from './tally.js';

export interface OverloadRun {
  connections: number;
  seconds: number;
  tally: Tally;
  samples: Samples;
  /** Whether the server process was still running when the load ended. */
  alive: boolean;
  after: AfterLoad;
}

const MB = 1024 * 1024;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatOverload(run: OverloadRun): string {
  const { tally, samples } = run;
  const refused = tally.count(429) + tally.count(503);
  const others = tally.others().map(([status, n]) => `${status}: ${fmt(n)}`);
  const growth = (samples.endDiskBytes - samples.startDiskBytes) / MB;
  return [
    `load                 ${run.connections} keep-alive connections for ${run.seconds.toFixed(1)} s, the bench's event, 127.0.0.1`,
    `accepted/s           ${fmt(tally.count(200) / run.seconds)}`,
    `answers              200: ${fmt(tally.count(200))}, 429: ${fmt(tally.count(429))}, 503: ${fmt(tally.count(503))}, others: ${others.length === 0 ? '0' : others.join(', ')}`,
    `  with Retry-After   ${fmt(tally.withRetryAfter)} of ${fmt(refused)} 429/503`,
    `no answer            timeouts: ${fmt(tally.timeouts)}, resets: ${fmt(tally.resets)}`,
    `latency (answered)   p50 ${tally.percentile(0.5).toFixed(1)} ms, p99 ${tally.percentile(0.99).toFixed(1)} ms`,
    `peak RSS             ${samples.peakRssMb.toFixed(0)} MB (VmHWM/VmRSS of the server process)`,
    `data dir on disk     ${(samples.startDiskBytes / MB).toFixed(1)} MB → ${(samples.endDiskBytes / MB).toFixed(1)} MB (peak ${(samples.peakDiskBytes / MB).toFixed(1)} MB): +${growth.toFixed(1)} MB, ${(growth / run.seconds).toFixed(1)} MB/s`,
    `server after load    ${run.alive ? 'running' : 'EXITED'}, /readyz ${run.after.readyStatus}, ${run.after.digested === undefined ? '?' : fmt(run.after.digested)} events digested, ${run.after.queueDepth === undefined ? '?' : fmt(run.after.queueDepth)} still queued`,
  ].join('\n');
}

/** A limit passed before the server first pushed back (or without its ever doing so). */
function passedBeforePushback(tally: Tally, limitAt: number | undefined): boolean {
  return (
    limitAt !== undefined && (tally.firstRefusalAt === undefined || tally.firstRefusalAt > limitAt)
  );
}

export function verdictOf(run: OverloadRun, limits: Limits): { ok: boolean; line: string } {
  const { tally, samples, alive } = run;
  const refused = tally.count(429) + tally.count(503);
  const problems = [
    tally.timeouts > 0 ? `${fmt(tally.timeouts)} timeouts` : '',
    tally.resets > 0 ? `${fmt(tally.resets)} resets` : '',
    tally.serverErrors() > 0 ? `${fmt(tally.serverErrors())} 5xx other than 503` : '',
    refused > tally.withRetryAfter
      ? `${fmt(refused - tally.withRetryAfter)} 429/503 without Retry-After`
      : '',
    alive ? '' : 'the server process exited',
    passedBeforePushback(tally, samples.rssLimitAt)
      ? `RSS went past ${fmt(limits.rssMb)} MB before any 429/503`
      : '',
    passedBeforePushback(tally, samples.diskLimitAt)
      ? `the data dir grew past ${fmt(limits.diskMb)} MB before any 429/503`
      : '',
  ].filter((problem) => problem !== '');
  const pushback =
    refused === 0 ? 'it never pushed back (no 429/503)' : `it pushed back ${fmt(refused)} times`;
  return problems.length === 0
    ? {
        ok: true,
        line: `verdict: OK — no timeouts, resets or 5xx other than 503, no limit passed before a 429/503; ${pushback}`,
      }
    : { ok: false, line: `verdict: FAIL — ${problems.join(', ')}; ${pushback}` };
}
