import type { ResourceLimits } from 'node:worker_threads';

/**
 * Heap limits for Faultline's worker threads. Their young generation is kept small: each thread
 * handles short-lived objects in bursts, and V8's default (16 MB semi-spaces per isolate) grew the
 * server to 300 MB under load for nothing but uncollected garbage. Scavenges stay cheap.
 */
export const WORKER_HEAP_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 8,
};
