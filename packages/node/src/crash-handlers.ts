/**
 * Hard crashes. An `uncaughtException` is reported as fatal and flushed (within
 * `shutdownTimeout`) before the process exits with code 1, as Node would have. Listening for the
 * event takes Node's exit away, so the SDK gives it back, unless the app has its own listener:
 * then the app decides. Unhandled rejections are reported and, in `strict` mode, crash the same way.
 */
import type { Client } from './client.js';

let installed = false;
let getClient: () => Client | undefined = () => undefined;
let exiting = false;
let gaveUpFlushingOnExit = false;

export function installCrashHandlers(clientGetter: () => Client | undefined): void {
  getClient = clientGetter;
  if (installed) return;
  installed = true;
  process.on('uncaughtException', onUncaughtException);
  process.on('unhandledRejection', onUnhandledRejection);
  process.on('beforeExit', onBeforeExit);
}

function onUncaughtException(error: unknown): void {
  const client = getClient();
  if (client === undefined || !client.options.captureUncaughtExceptions) {
    // Still listening (handlers are installed once), so do what Node would have done.
    if (!hasOtherListeners('uncaughtException', onUncaughtException)) crash(error, undefined);
    return;
  }
  client.captureException(error, {
    level: 'fatal',
    mechanism: { type: 'auto.node.onuncaughtexception', handled: false },
  });
  if (!hasOtherListeners('uncaughtException', onUncaughtException)) crash(error, client);
}

function onUnhandledRejection(reason: unknown): void {
  const client = getClient();
  const mode = client?.options.unhandledRejections ?? 'warn';
  if (client !== undefined && mode !== 'none') {
    client.captureException(reason, {
      level: mode === 'strict' ? 'fatal' : 'error',
      mechanism: { type: 'auto.node.onunhandledrejection', handled: false },
    });
  }
  if (mode === 'strict') {
    crash(reason, client);
    return;
  }
  // Node prints this warning itself only when nobody listens; keep the app's logs the same.
  console.warn(
    'This error originated either by throwing inside of an async function without a catch block, ' +
      'or by rejecting a promise which was not handled with .catch(). The promise rejected with:',
    reason,
  );
}

function onBeforeExit(): void {
  const client = getClient();
  if (client === undefined || gaveUpFlushingOnExit || !client.hasPending()) return;
  // beforeExit fires again once the flush's work is done; give up after one timed-out try, or a
  // down server would keep the process alive forever.
  void client.flush(client.options.shutdownTimeout).then((flushed) => {
    if (!flushed) gaveUpFlushingOnExit = true;
  });
}

function crash(error: unknown, client: Client | undefined): void {
  if (exiting) return;
  exiting = true;
  console.error(error);
  process.exitCode = 1;
  const flushed = client?.flush(client.options.shutdownTimeout) ?? Promise.resolve(true);
  void flushed.finally(() => process.exit(1));
}

function hasOtherListeners(event: 'uncaughtException', own: (...args: never[]) => void): boolean {
  return process.listeners(event).some((listener) => listener !== own);
}
