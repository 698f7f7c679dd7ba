/** Messages between the main thread and the digest worker. */
import type { OutcomeRecord } from '../store/types.js';

export type ToDigest =
  { type: 'wake' } | { type: 'outcomes'; records: OutcomeRecord[] } | { type: 'stop' };

export type FromDigest =
  | { type: 'digested'; count: number; events: number }
  | { type: 'entry_failed'; message: string }
  | { type: 'fatal'; message: string }
  | { type: 'stopped' };
