/**
 * Sends one real event (an error with a cause, as an SDK would) to a DSN and says whether the
 * server accepted it: the quickest check that an install, a DSN and the network path all work.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  DsnError,
  dsnFromString,
  envelopeEndpoint,
  formatAuthHeader,
  serializeEnvelope,
} from '@faultline/protocol';
import type { Dsn, ExceptionValue, SentryEvent } from '@faultline/protocol';
import { CliError, parseOptions, writeOut } from './io.js';

const CLIENT = 'faultline-cli/0.1.0';

/** A minimal V8 stack parser; the SDK has the complete one. */
function framesOf(error: Error): NonNullable<ExceptionValue['stacktrace']>['frames'] {
  const lines = (error.stack ?? '').split('\n').slice(1);
  const frames = lines.flatMap((line) => {
    const match = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (match === null) return [];
    const [, fn, file, lineno, colno] = match;
    return [
      {
        function: fn ?? '?',
        filename: file!,
        lineno: Number(lineno),
        colno: Number(colno),
        in_app: !file!.includes('node_modules') && !file!.startsWith('node:'),
      },
    ];
  });
  return frames.reverse();
}

function buildTestEvent(): SentryEvent {
  const cause = new Error('this is the root cause of the test event');
  const error = new Error('Faultline test event: if you can read this, events arrive', { cause });
  return {
    event_id: randomUUID().replaceAll('-', ''),
    timestamp: Date.now() / 1000,
    platform: 'node',
    level: 'error',
    environment: 'production',
    server_name: os.hostname(),
    tags: { test_event: 'yes' },
    exception: {
      values: [
        {
          type: 'Error',
          value: cause.message,
          stacktrace: { frames: framesOf(cause) },
          mechanism: { type: 'chained', source: 'cause', exception_id: 1, parent_id: 0 },
        },
        {
          type: 'Error',
          value: error.message,
          stacktrace: { frames: framesOf(error) },
          mechanism: { type: 'generic', handled: true, exception_id: 0 },
        },
      ],
    },
    sdk: { name: 'faultline.cli', version: '0.1.0' },
  };
}

function parseDsn(value: string | undefined): Dsn {
  const text = value ?? process.env['FAULTLINE_DSN'] ?? process.env['SENTRY_DSN'];
  if (text === undefined) throw new CliError('--dsn DSN is required (or set FAULTLINE_DSN)');
  try {
    return dsnFromString(text);
  } catch (error) {
    if (error instanceof DsnError) throw new CliError(error.message);
    throw error;
  }
}

export async function runSendTestEvent(args: string[]): Promise<void> {
  const options = parseOptions(args, { dsn: { type: 'string' } });
  const dsn = parseDsn(options.dsn);
  const event = buildTestEvent();
  const body = serializeEnvelope({
    headers: { event_id: event.event_id, sent_at: new Date().toISOString(), sdk: event.sdk! },
    items: [
      { headers: { type: 'event' }, payload: new TextEncoder().encode(JSON.stringify(event)) },
    ],
  });
  const url = envelopeEndpoint(dsn);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-sentry-envelope',
        'x-sentry-auth': formatAuthHeader({
          sentryKey: dsn.publicKey,
          sentryVersion: '7',
          sentryClient: CLIENT,
        }),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new CliError(
      `could not reach ${url}: ${(error as Error).cause ?? (error as Error).message}`,
      1,
    );
  }
  const text = await response.text();
  if (response.ok) {
    await writeOut(`accepted: event ${event.event_id} (HTTP ${response.status} from ${url})\n`);
    return;
  }
  let detail = text;
  try {
    detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
  } catch {
    // not JSON: show it as it came
  }
  throw new CliError(`refused: HTTP ${response.status}: ${detail.slice(0, 500)}`, 1);
}
