import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { RateLimitedLog } from '../../src/ops/rate-limited-log.js';

interface Line {
  level: number;
  msg: string;
  kind: string;
  repeats?: number;
}

function recordingLogger() {
  const lines: Line[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Line) },
  );
  return { lines, logger };
}

describe('RateLimitedLog', () => {
  it('logs the first of each kind at once and the rest as one count per interval', () => {
    const { lines, logger } = recordingLogger();
    const log = new RateLimitedLog(logger, 60_000);
    for (let i = 0; i < 1000; i++) log.log('error', 'SQLITE_FULL', { attempt: i }, 'ingest failed');
    log.log('info', 'key_unknown', {}, 'ingest refused a request: key_unknown');
    assert.deepEqual(
      lines.map((line) => [line.kind, line.level, line.msg]),
      [
        ['SQLITE_FULL', 50, 'ingest failed'],
        ['key_unknown', 30, 'ingest refused a request: key_unknown'],
      ],
    );
    log.flush();
    assert.equal(lines.length, 3);
    assert.equal(lines[2]!.kind, 'SQLITE_FULL');
    assert.equal(lines[2]!.repeats, 999);
    assert.match(lines[2]!.msg, /999 more times/);
    // A new interval logs the first again.
    log.log('error', 'SQLITE_FULL', {}, 'ingest failed');
    assert.equal(lines.length, 4);
    log.flush();
  });

  it('keeps a bounded number of kinds', () => {
    const { lines, logger } = recordingLogger();
    const log = new RateLimitedLog(logger, 60_000);
    for (let i = 0; i < 10_000; i++) log.log('info', `kind-${i}`, {}, 'refused');
    assert.ok(lines.length <= 101, `${lines.length} lines`);
    log.flush();
  });
});
