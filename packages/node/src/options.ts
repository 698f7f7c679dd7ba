/** `init` options, the environment variables behind them, and their defaults, in one place. */
import { hostname } from 'node:os';
import { dsnFromString } from '@faultline/protocol';
import type { Dsn } from '@faultline/protocol';
import type { EventHint, EventPayload } from './event-payload.js';
import type { TransportFactory } from './transport/transport.js';

export interface FaultlineOptions {
  /** Also `FAULTLINE_DSN` or `SENTRY_DSN`. Without one the SDK does nothing, silently. */
  dsn?: string;
  /** Also `SENTRY_RELEASE`. */
  release?: string;
  /** Also `SENTRY_ENVIRONMENT`; default `production`. */
  environment?: string;
  /** Default: the host name. */
  serverName?: string;
  /** The fraction of error events sent, 0 to 1; default 1. */
  sampleRate?: number;
  /** Change or drop (return null) an event just before it is sent. */
  beforeSend?: (
    event: EventPayload,
    hint: EventHint,
  ) => EventPayload | null | Promise<EventPayload | null>;
  /** Default 100. */
  maxBreadcrumbs?: number;
  /** How deep to follow `Error.cause` and `AggregateError.errors`; default 10. */
  maxCauseDepth?: number;
  /** `Error.stackTraceLimit` is raised to this (never lowered); default 50. */
  stackTraceLimit?: number;
  /** Send cookies, auth headers, client IPs; default false. */
  sendDefaultPii?: boolean;
  /** Path substrings whose frames are in-app even inside node_modules. */
  inAppInclude?: string[];
  /** Path substrings whose frames are never in-app. */
  inAppExclude?: string[];
  /** How long a crash or `close()` waits for events to be sent, in ms; default 2000. */
  shutdownTimeout?: number;
  transport?: TransportFactory;
  /** Log what the SDK does (and why it drops things) to stderr. */
  debug?: boolean;
  /** Report uncaught exceptions as fatal and exit with code 1; default true. */
  captureUncaughtExceptions?: boolean;
  /** `warn` (default): report and keep running; `strict`: report and crash; `none`. */
  unhandledRejections?: 'warn' | 'strict' | 'none';
}

export interface ResolvedOptions {
  dsn: Dsn;
  release: string | undefined;
  environment: string;
  serverName: string;
  sampleRate: number;
  beforeSend: FaultlineOptions['beforeSend'];
  maxBreadcrumbs: number;
  maxCauseDepth: number;
  stackTraceLimit: number;
  sendDefaultPii: boolean;
  inAppInclude: string[];
  inAppExclude: string[];
  shutdownTimeout: number;
  transport: TransportFactory | undefined;
  debug: boolean;
  captureUncaughtExceptions: boolean;
  unhandledRejections: 'warn' | 'strict' | 'none';
}

/** Undefined when there is no DSN; throws DsnError for a bad one, so init fails loudly once. */
export function resolveOptions(
  options: FaultlineOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOptions | undefined {
  const dsnText = options.dsn ?? nonEmpty(env['FAULTLINE_DSN']) ?? nonEmpty(env['SENTRY_DSN']);
  if (dsnText === undefined || dsnText.trim() === '') return undefined;
  return {
    dsn: dsnFromString(dsnText),
    release: options.release ?? nonEmpty(env['SENTRY_RELEASE']),
    environment: options.environment ?? nonEmpty(env['SENTRY_ENVIRONMENT']) ?? 'production',
    serverName: options.serverName ?? hostname(),
    sampleRate: clamp(options.sampleRate ?? 1),
    beforeSend: options.beforeSend,
    maxBreadcrumbs: Math.max(0, options.maxBreadcrumbs ?? 100),
    maxCauseDepth: Math.max(0, options.maxCauseDepth ?? 10),
    stackTraceLimit: options.stackTraceLimit ?? 50,
    sendDefaultPii: options.sendDefaultPii ?? false,
    inAppInclude: options.inAppInclude ?? [],
    inAppExclude: options.inAppExclude ?? [],
    shutdownTimeout: options.shutdownTimeout ?? 2000,
    transport: options.transport,
    debug: options.debug ?? false,
    captureUncaughtExceptions: options.captureUncaughtExceptions ?? true,
    unhandledRejections: options.unhandledRejections ?? 'warn',
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function clamp(rate: number): number {
  return Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 1;
}
