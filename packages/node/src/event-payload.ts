/**
 * The event as the SDK sends it: @sentry/node's shape, which differs from the stored
 * `SentryEvent` in sending breadcrumbs as a bare list and a plain `message` (the server
 * normalizes either). Listed field by field because `Omit` on `SentryEvent`'s index signature
 * would lose every named field.
 */
import type { Breadcrumb, SentryEvent } from '@faultline/protocol';
import type { DebugImage } from './debug-images.js';

export interface EventPayload {
  event_id: string;
  timestamp: number;
  platform: string;
  level: SentryEvent['level'];
  logger?: string;
  transaction?: string;
  server_name?: string;
  release?: string;
  dist?: string;
  environment: string;
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  user?: NonNullable<SentryEvent['user']>;
  request?: NonNullable<SentryEvent['request']>;
  breadcrumbs?: Breadcrumb[];
  exception?: NonNullable<SentryEvent['exception']>;
  message?: string;
  fingerprint?: string[];
  modules?: Record<string, string>;
  sdk?: NonNullable<SentryEvent['sdk']>;
  /** Debug IDs of the bundled files in the frames (debug-images.ts). */
  debug_meta?: { images: DebugImage[] };
}

export interface EventHint {
  /** What was captured: the error (or thrown value) or the message. */
  originalException?: unknown;
  event_id?: string;
}
