export * from './auth.js';
export type * from './client-report.js';
export * from './dsn.js';
export * from './envelope.js';
export * from './event.js';
export * from './rate-limits.js';
