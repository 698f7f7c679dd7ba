/**
 * One scope per incoming HTTP request, for every framework at once: the first time a server
 * announces a request on Node's `http.server.request.start` diagnostics channel, its `emit` is
 * wrapped so each `request` event runs in a fresh fork of the scope. That channel fires just
 * before `emit('request')`, so even the first request is covered; nothing is patched globally.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { getCurrentScope, runWithScope } from '../current-scope.js';

let installed = false;
const wrappedServers = new WeakSet<object>();

export function installRequestScopes(): void {
  if (installed) return;
  installed = true;
  subscribe('http.server.request.start', wrapServerOnFirstRequest);
}

/** Runs `handler` in a fork of the current scope that knows its request. */
export function runWithRequestScope<T>(req: IncomingMessage, handler: () => T): T {
  const scope = getCurrentScope().fork();
  scope.setRequest(req);
  return runWithScope(scope, handler);
}

function wrapServerOnFirstRequest(message: unknown): void {
  const server = (message as { server?: EventEmitter } | null)?.server;
  if (server === undefined || wrappedServers.has(server)) return;
  wrappedServers.add(server);
  const emit = server.emit;
  server.emit = function emitInRequestScope(this: EventEmitter, event, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    return runWithRequestScope(args[0] as IncomingMessage, () => emit.call(this, event, ...args));
  };
}
