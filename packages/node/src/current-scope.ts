/**
 * Which scope is current: the one bound to the running async context (a request, a withScope
 * callback), else the root scope. AsyncLocalStorage carries it across awaits and callbacks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Scope } from './scope.js';

const storage = new AsyncLocalStorage<Scope>();
let rootScope = new Scope();

export function getCurrentScope(): Scope {
  return storage.getStore() ?? rootScope;
}

/** Runs `callback` with a fork of the current scope; what it sets stays inside. */
export function withScope<T>(callback: (scope: Scope) => T): T {
  const scope = getCurrentScope().fork();
  return storage.run(scope, () => callback(scope));
}

export function resetRootScope(maxBreadcrumbs: number): void {
  rootScope = new Scope(undefined, maxBreadcrumbs);
}

/** Runs `callback` with `scope` current, for request handlers that fork their own. */
export function runWithScope<T>(scope: Scope, callback: () => T): T {
  return storage.run(scope, callback);
}
