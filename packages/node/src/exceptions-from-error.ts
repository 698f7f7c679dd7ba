/**
 * An error and everything behind it (`cause`, `AggregateError.errors`) → exception values, oldest
 * first as the protocol wants: the outermost error (exception_id 0) is last. Each value's
 * mechanism links it to its parent so the server can rebuild the tree.
 */
import type { ExceptionValue, Mechanism } from '@faultline/protocol';
import { parseStack } from './parse-stack.js';
import type { ParseStackOptions } from './parse-stack.js';

export interface ExceptionsFromErrorOptions extends ParseStackOptions {
  /** How many links deep to follow `cause`/`errors`; the outermost error is depth 0. */
  maxCauseDepth?: number;
  /** The outermost error's mechanism: `generic` for manual captures, `auto.http.*` for middlewares. */
  mechanism?: { type: string; handled: boolean };
}

// Bounds the whole tree, not just its depth: an AggregateError may hold thousands of errors.
const MAX_EXCEPTIONS = 50;
const MAX_VALUE_LENGTH = 8192;

export function exceptionsFromError(
  error: unknown,
  options: ExceptionsFromErrorOptions = {},
): ExceptionValue[] {
  const maxDepth = options.maxCauseDepth ?? 10;
  const values: ExceptionValue[] = [];
  const seen = new Set<unknown>();

  const visit = (value: unknown, depth: number, link?: { source: string; parentId: number }) => {
    if (values.length >= MAX_EXCEPTIONS) return;
    if (typeof value === 'object' && value !== null) {
      // A cycle (a.cause = b, b.cause = a) ends the walk instead of looping forever.
      if (seen.has(value)) return;
      seen.add(value);
    }
    const id = values.length;
    const exception = exceptionFromValue(value, options);
    const mechanism: Mechanism =
      link === undefined
        ? { ...(options.mechanism ?? { type: 'generic', handled: true }), exception_id: id }
        : {
            type: 'chained',
            handled: true,
            source: link.source,
            exception_id: id,
            parent_id: link.parentId,
          };
    if (!isErrorLike(value)) mechanism.synthetic = true;
    exception.mechanism = mechanism;
    values.push(exception);
    if (depth >= maxDepth || typeof value !== 'object' || value === null) return;

    const errors = (value as { errors?: unknown }).errors;
    if (value instanceof AggregateError && Array.isArray(errors)) {
      mechanism.is_exception_group = true;
      errors.forEach((child, index) => {
        visit(child, depth + 1, { source: `errors[${index}]`, parentId: id });
      });
    }
    // `cause` may hold anything, `undefined` included when set explicitly; only absence ends it.
    if ('cause' in value && (value as { cause?: unknown }).cause !== undefined) {
      visit((value as { cause: unknown }).cause, depth + 1, { source: 'cause', parentId: id });
    }
  };

  visit(error, 0);
  return values.reverse();
}

function exceptionFromValue(value: unknown, options: ParseStackOptions): ExceptionValue {
  if (isErrorLike(value)) {
    const exception: ExceptionValue = {
      type: errorType(value),
      value: truncate(String(value.message)),
    };
    if (typeof value.stack === 'string') {
      const frames = parseStack(value.stack, options);
      if (frames.length > 0) exception.stacktrace = { frames };
    }
    return exception;
  }
  return { type: 'Error', value: truncate(describeNonError(value)) };
}

interface ErrorLike {
  name?: unknown;
  message: unknown;
  stack?: unknown;
}

// Errors from another realm (vm, worker) fail instanceof but still look like errors.
function isErrorLike(value: unknown): value is ErrorLike {
  if (value instanceof Error) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorLike).message === 'string' &&
    typeof (value as ErrorLike).stack === 'string'
  );
}

function errorType(error: ErrorLike): string {
  if (typeof error.name === 'string' && error.name !== '') return error.name;
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === 'string' && constructorName !== '' ? constructorName : 'Error';
}

/** Strings read as their text; objects name their keys, as @sentry/node does, plus a preview. */
export function describeNonError(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null thrown as an exception';
  if (value === undefined) return 'undefined thrown as an exception';
  if (typeof value !== 'object') return `${typeof value} thrown as an exception: ${String(value)}`;
  const keys = Object.keys(value).sort();
  const message = (value as { message?: unknown }).message;
  if (typeof message === 'string' && message !== '') return message;
  return `Object captured as exception with keys: ${keys.length === 0 ? '[none]' : keys.join(', ')}`;
}

function truncate(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}
