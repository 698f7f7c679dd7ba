import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as auth from '../src/auth.js';
import * as dsn from '../src/dsn.js';
import * as envelope from '../src/envelope.js';
import * as event from '../src/event.js';
import * as index from '../src/index.js';
import * as rateLimits from '../src/rate-limits.js';
// Compiling this import is the test that every type is exported.
import type {
  Breadcrumb,
  ClientReport,
  DataCategory,
  DiscardedEvent,
  Dsn,
  Envelope,
  EnvelopeErrorCode,
  EnvelopeHeaders,
  EnvelopeItem,
  ExceptionValue,
  ItemHeaders,
  Level,
  LogEntry,
  Mechanism,
  RateLimit,
  RateLimitState,
  RequestData,
  SdkInfo,
  SentryAuth,
  SentryEvent,
  StackFrame,
  Stacktrace,
  Thread,
  User,
} from '../src/index.js';

export type AllTypes = [
  Breadcrumb,
  ClientReport,
  DataCategory,
  DiscardedEvent,
  Dsn,
  Envelope,
  EnvelopeErrorCode,
  EnvelopeHeaders,
  EnvelopeItem,
  ExceptionValue,
  ItemHeaders,
  Level,
  LogEntry,
  Mechanism,
  RateLimit,
  RateLimitState,
  RequestData,
  SdkInfo,
  SentryAuth,
  SentryEvent,
  StackFrame,
  Stacktrace,
  Thread,
  User,
];

describe('index', () => {
  it('re-exports every runtime export of every public module', () => {
    const modules = { auth, dsn, envelope, event, rateLimits };
    for (const [name, module] of Object.entries(modules)) {
      for (const [exportName, value] of Object.entries(module)) {
        assert.equal(
          (index as Record<string, unknown>)[exportName],
          value,
          `${name}.${exportName}`,
        );
      }
    }
  });

  it('exports nothing else', () => {
    const expected = new Set(
      [auth, dsn, envelope, event, rateLimits].flatMap((module) => Object.keys(module)),
    );
    assert.deepEqual(Object.keys(index).sort(), [...expected].sort());
  });
});
