/**
 * The public API: `init` and the functions apps call. Before `init`, and after an `init` with no
 * DSN, every function is a cheap no-op, so libraries may call them unconditionally.
 */
import type { Breadcrumb, Level, User } from '@faultline/protocol';
import { Client } from './client.js';
import type { CaptureOptions } from './client.js';
import { installCrashHandlers } from './crash-handlers.js';
import { getCurrentScope, resetRootScope, withScope } from './current-scope.js';
import { installRequestScopes } from './integrations/request-scope.js';
import { resolveOptions } from './options.js';
import type { FaultlineOptions } from './options.js';

let client: Client | undefined;

/**
 * Throws a DsnError naming what is wrong when the DSN is malformed: a typo should fail the
 * deploy, not silently lose every crash report later.
 */
export function init(options: FaultlineOptions = {}): Client | undefined {
  const resolved = resolveOptions(options);
  client = undefined;
  if (resolved === undefined) return undefined;
  // V8 keeps 10 frames by default, which cuts most framework stacks before the app's code.
  if (Error.stackTraceLimit < resolved.stackTraceLimit) {
    Error.stackTraceLimit = resolved.stackTraceLimit;
  }
  resetRootScope(resolved.maxBreadcrumbs);
  client = new Client(resolved);
  installRequestScopes();
  installCrashHandlers(getClient);
  return client;
}

export function getClient(): Client | undefined {
  return client;
}

/** The event id, or '' when the SDK is not initialized. */
export function captureException(error: unknown, options: CaptureOptions = {}): string {
  return client?.captureException(error, options) ?? '';
}

export function captureMessage(message: string, level: Level = 'info'): string {
  return client?.captureMessage(message, level) ?? '';
}

export function lastEventId(): string | undefined {
  return client?.lastEventId;
}

export function setTag(key: string, value: unknown): void {
  getCurrentScope().setTag(key, value);
}

export function setTags(tags: Record<string, unknown>): void {
  getCurrentScope().setTags(tags);
}

export function setUser(user: User | null): void {
  getCurrentScope().setUser(user);
}

export function setContext(name: string, context: Record<string, unknown> | null): void {
  getCurrentScope().setContext(name, context);
}

export function setExtra(key: string, value: unknown): void {
  getCurrentScope().setExtra(key, value);
}

export function addBreadcrumb(breadcrumb: Breadcrumb): void {
  if (client !== undefined) getCurrentScope().addBreadcrumb(breadcrumb);
}

export function flush(timeoutMs = 2000): Promise<boolean> {
  return client?.flush(timeoutMs) ?? Promise.resolve(true);
}

export async function close(timeoutMs?: number): Promise<boolean> {
  const closing = client;
  if (closing === undefined) return true;
  const flushed = await closing.close(timeoutMs ?? closing.options.shutdownTimeout);
  if (client === closing) client = undefined;
  return flushed;
}

export { withScope, getCurrentScope };
