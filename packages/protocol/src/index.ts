/**
 * @faultline/protocol: the Sentry wire protocol, shared by Faultline's server and SDK. Pure
 * TypeScript with web-standard globals only, so it runs in browsers and Node alike.
 */
export { authFromQuery, formatAuthHeader, parseAuthHeader } from './auth.js';
export type { SentryAuth } from './auth.js';
export type { ClientReport, DiscardedEvent } from './client-report.js';
export { dsnFromString, DsnError, dsnToString, envelopeEndpoint, storeEndpoint } from './dsn.js';
export type { Dsn } from './dsn.js';
export { EnvelopeError, parseEnvelope, serializeEnvelope } from './envelope.js';
export type {
  Envelope,
  EnvelopeErrorCode,
  EnvelopeHeaders,
  EnvelopeItem,
  ItemHeaders,
  ParseEnvelopeOptions,
} from './envelope.js';
export { LEVELS } from './event.js';
export type {
  Breadcrumb,
  ExceptionValue,
  Level,
  LogEntry,
  Mechanism,
  RequestData,
  SdkInfo,
  SentryEvent,
  StackFrame,
  Stacktrace,
  Thread,
  User,
} from './event.js';
export {
  dataCategoryForItemType,
  formatRateLimits,
  isRateLimited,
  parseRateLimits,
  parseRetryAfter,
  updateRateLimitState,
} from './rate-limits.js';
export type { DataCategory, RateLimit, RateLimitState } from './rate-limits.js';
