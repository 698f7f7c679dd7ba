/**
 * The client turns captures into events and hands them to the transport.
 *
 * The path of an event: `captureException` builds it synchronously (the cause chain and its parsed
 * stacks, the scope as it is right now) and returns the event id at once; then, off the caller's
 * path, it gains the debug IDs of bundled files, source context lines, modules and runtime
 * contexts, passes `beforeSend`, and is queued as an envelope. `flush` waits for both stages.
 */
import { randomUUID } from 'node:crypto';
import type { Envelope, ExceptionValue, Level, StackFrame } from '@faultline/protocol';
import { addContextLines } from './add-context-lines.js';
import { debugImagesFor } from './debug-images.js';
import { getCurrentScope } from './current-scope.js';
import type { EventHint, EventPayload } from './event-payload.js';
import { exceptionsFromError, describeNonError } from './exceptions-from-error.js';
import { installedModules } from './installed-modules.js';
import type { ResolvedOptions } from './options.js';
import { clientIp, requestDataFromRequest } from './request-data.js';
import { transactionForRequest } from './request-transaction.js';
import { runtimeContexts } from './runtime-contexts.js';
import type { Scope } from './scope.js';
import { SDK_NAME, SDK_PACKAGE, SDK_VERSION } from './sdk-info.js';
import { stringifyEvent } from './stringify-event.js';
import { makeHttpTransport } from './transport/http-transport.js';
import type { Transport } from './transport/transport.js';

export interface CaptureOptions {
  /** `generic`/handled for manual captures (the default); middlewares pass `auto.http.*`. */
  mechanism?: { type: string; handled: boolean };
  level?: Level;
  scope?: Scope;
}

const encoder = new TextEncoder();

export class Client {
  readonly transport: Transport;
  lastEventId: string | undefined;
  private readonly pending = new Set<Promise<void>>();
  // The same error object is reported once: a middleware, a crash handler and the app may all
  // see it. Weak, so reported errors are still garbage collected.
  private readonly reported = new WeakMap<object, string>();
  private closed = false;

  constructor(readonly options: ResolvedOptions) {
    const log = (message: string) => this.log(message);
    const transportOptions = { dsn: options.dsn, sdkName: SDK_NAME, sdkVersion: SDK_VERSION, log };
    this.transport = options.transport?.(transportOptions) ?? makeHttpTransport(transportOptions);
  }

  captureException(error: unknown, capture: CaptureOptions = {}): string {
    if (typeof error === 'object' && error !== null) {
      const previous = this.reported.get(error);
      if (previous !== undefined) return previous;
    }
    const eventId = newEventId();
    if (typeof error === 'object' && error !== null) this.reported.set(error, eventId);
    try {
      const event = this.prepareEvent(eventId, capture.level ?? 'error', capture.scope);
      const values = exceptionsFromError(error, {
        maxCauseDepth: this.options.maxCauseDepth,
        inAppInclude: this.options.inAppInclude,
        inAppExclude: this.options.inAppExclude,
        mechanism: capture.mechanism ?? { type: 'generic', handled: true },
      });
      event.exception = { values };
      if (typeof error !== 'object' || error === null || !(error instanceof Error)) {
        event.extra = { ...event.extra, __serialized__: describeNonError(error) };
      }
      this.enqueue(event, { originalException: error, event_id: eventId });
    } catch (failure) {
      this.log(`could not capture an exception: ${String(failure)}`);
    }
    return eventId;
  }

  captureMessage(message: string, level: Level = 'info', scope?: Scope): string {
    const eventId = newEventId();
    try {
      const event = this.prepareEvent(eventId, level, scope);
      event.message = message;
      this.enqueue(event, { originalException: message, event_id: eventId });
    } catch (failure) {
      this.log(`could not capture a message: ${String(failure)}`);
    }
    return eventId;
  }

  /** Waits for events being prepared, then for the transport; false if the time ran out. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      const prepared = await Promise.race([Promise.all(this.pending).then(() => true), timedOut]);
      if (!prepared) return false;
      return await this.transport.flush(Math.max(0, deadline - Date.now()));
    } finally {
      clearTimeout(timer);
    }
  }

  async close(timeoutMs: number): Promise<boolean> {
    const flushed = await this.flush(timeoutMs);
    this.closed = true;
    return flushed;
  }

  hasPending(): boolean {
    return this.pending.size > 0 || this.transport.hasPending();
  }

  log(message: string): void {
    if (this.options.debug) console.warn(`[faultline] ${message}`);
  }

  private prepareEvent(eventId: string, level: Level, scope = getCurrentScope()): EventPayload {
    const data = scope.getData();
    const options = this.options;
    const event: EventPayload = {
      event_id: eventId,
      timestamp: Date.now() / 1000,
      platform: 'node',
      level,
      server_name: options.serverName,
      environment: options.environment,
      contexts: { trace: { trace_id: newEventId(), span_id: newEventId().slice(16) } },
      sdk: { name: SDK_NAME, version: SDK_VERSION, integrations: [], packages: [SDK_PACKAGE] },
    };
    if (options.release !== undefined) event.release = options.release;
    if (Object.keys(data.tags).length > 0) event.tags = data.tags;
    if (Object.keys(data.extra).length > 0) event.extra = data.extra;
    event.contexts = { ...event.contexts, ...data.contexts };
    if (data.transaction !== undefined) event.transaction = data.transaction;
    else if (data.request !== undefined) event.transaction = transactionForRequest(data.request);
    if (data.breadcrumbs.length > 0) event.breadcrumbs = data.breadcrumbs;
    const user = data.user === undefined ? undefined : { ...data.user };
    if (data.request !== undefined) {
      event.request = requestDataFromRequest(data.request, options.sendDefaultPii);
      const ip = options.sendDefaultPii ? clientIp(data.request) : undefined;
      if (ip !== undefined && user?.ip_address === undefined) {
        event.user = { ...user, ip_address: ip };
      }
    }
    if (user !== undefined && event.user === undefined) event.user = user;
    return event;
  }

  private enqueue(event: EventPayload, hint: EventHint): void {
    if (this.closed) return;
    if (Math.random() >= this.options.sampleRate) {
      this.transport.recordDiscard?.('sample_rate', 'error');
      return;
    }
    this.lastEventId = event.event_id;
    const work = this.finishEvent(event, hint)
      .catch((error: unknown) => this.log(`could not send an event: ${String(error)}`))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  private async finishEvent(event: EventPayload, hint: EventHint): Promise<void> {
    const frames = framesOf(event.exception?.values ?? []);
    const images = debugImagesFor(frames);
    if (images.length > 0) event.debug_meta = { images };
    const [modules, contexts] = await Promise.all([
      installedModules(),
      runtimeContexts(),
      addContextLines(frames),
    ]);
    if (Object.keys(modules).length > 0) event.modules = modules;
    event.contexts = { ...contexts, ...event.contexts };
    let final: EventPayload | null = event;
    if (this.options.beforeSend !== undefined) {
      final = await this.options.beforeSend(event, hint);
      if (final === null) {
        this.log(`beforeSend dropped event ${event.event_id}`);
        this.transport.recordDiscard?.('before_send', 'error');
        return;
      }
    }
    this.transport.send(this.envelopeFor(final));
  }

  private envelopeFor(event: EventPayload): Envelope {
    const trace: Record<string, unknown> = {
      environment: event.environment,
      public_key: this.options.dsn.publicKey,
      trace_id: event.contexts?.['trace']?.['trace_id'],
    };
    if (event.release !== undefined) trace['release'] = event.release;
    return {
      headers: {
        event_id: event.event_id,
        sent_at: new Date().toISOString(),
        sdk: { name: SDK_NAME, version: SDK_VERSION },
        trace,
      },
      items: [{ headers: { type: 'event' }, payload: encoder.encode(stringifyEvent(event)) }],
    };
  }
}

function framesOf(values: ExceptionValue[]): StackFrame[] {
  return values.flatMap((value) => value.stacktrace?.frames ?? []);
}

function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}
