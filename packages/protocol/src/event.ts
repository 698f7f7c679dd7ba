/**
 * The error event payload, as Faultline stores it after normalization (the modern Sentry shape).
 *
 * What SDKs send is looser (legacy `sentry.interfaces.*` keys, tags as pairs, bare lists, numeric
 * timestamps); the server's normalize step turns any of that into these types. Field names follow
 * Sentry's event payload documentation so stored events read like Sentry's.
 */

export type Level = 'fatal' | 'error' | 'warning' | 'info' | 'debug';

export const LEVELS: readonly Level[] = ['fatal', 'error', 'warning', 'info', 'debug'];

export interface StackFrame {
  filename?: string;
  abs_path?: string;
  function?: string;
  module?: string;
  lineno?: number;
  colno?: number;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
  in_app?: boolean;
  vars?: Record<string, unknown>;
  platform?: string;
  package?: string;
  instruction_addr?: string;
  /** Native frames: the mangled symbol, the symbol's and the image's load address (hex). */
  symbol?: string;
  symbol_addr?: string;
  image_addr?: string;
  /** The function name before an SDK or symbolicator cleaned it up. */
  raw_function?: string;
  /** Set by the server: how symbolication went for this frame (digest/symbolicate/frame-data.ts). */
  data?: Record<string, unknown>;
}

export interface Stacktrace {
  /** Oldest call first: the frame that threw is last. */
  frames: StackFrame[];
  /** `[start, end)` indices of frames dropped from the middle of a long stack (SDK or server). */
  frames_omitted?: [number, number];
  registers?: Record<string, string>;
}

export interface Mechanism {
  type: string;
  handled?: boolean;
  synthetic?: boolean;
  description?: string;
  help_link?: string;
  source?: string;
  exception_id?: number;
  parent_id?: number;
  is_exception_group?: boolean;
  data?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

export interface ExceptionValue {
  type?: string;
  value?: string;
  module?: string;
  thread_id?: number | string;
  stacktrace?: Stacktrace;
  /** The frames as the SDK sent them, kept when symbolication rewrote `stacktrace`. */
  raw_stacktrace?: Stacktrace;
  mechanism?: Mechanism;
}

export interface Breadcrumb {
  timestamp?: number;
  type?: string;
  category?: string;
  level?: Level;
  message?: string;
  data?: Record<string, unknown>;
}

export interface User {
  id?: string;
  email?: string;
  username?: string;
  ip_address?: string;
  name?: string;
  segment?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface RequestData {
  method?: string;
  url?: string;
  query_string?: string | Array<[string, string]> | Record<string, string>;
  data?: unknown;
  cookies?: string | Record<string, string> | Array<[string, string]>;
  headers?: Record<string, string>;
  env?: Record<string, string>;
  inferred_content_type?: string;
}

export interface LogEntry {
  /** The template, e.g. `user %s not found`; the grouping uses it. */
  message?: string;
  /** The message with its parameters filled in, as shown to people. */
  formatted?: string;
  params?: unknown[] | Record<string, unknown>;
}

export interface SdkInfo {
  name: string;
  version: string;
  integrations?: string[];
  packages?: Array<{ name: string; version: string }>;
}

export interface Thread {
  id?: number | string;
  name?: string;
  crashed?: boolean;
  current?: boolean;
  main?: boolean;
  stacktrace?: Stacktrace;
  /** The frames as the SDK sent them, kept when symbolication rewrote `stacktrace`. */
  raw_stacktrace?: Stacktrace;
}

/** A normalized error event. Optional fields are absent rather than null. */
export interface SentryEvent {
  event_id: string;
  /** Unix seconds with fractions. */
  timestamp: number;
  platform: string;
  level: Level;
  logger?: string;
  transaction?: string;
  server_name?: string;
  release?: string;
  dist?: string;
  environment: string;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  user?: User;
  request?: RequestData;
  breadcrumbs?: { values: Breadcrumb[] };
  /** Oldest first: the outermost error (the one a middleware caught) is last. */
  exception?: { values: ExceptionValue[] };
  threads?: { values: Thread[] };
  logentry?: LogEntry;
  fingerprint?: string[];
  modules?: Record<string, string>;
  sdk?: SdkInfo;
  /** Other interfaces kept as sent (csp, hpkp, expectct, debug_meta, …). */
  [key: string]: unknown;
}
