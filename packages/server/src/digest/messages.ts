/** Messages between the main thread and the digest worker. */
import type { OutcomeRecord } from '../store/types.js';

export type ToDigest =
  { type: 'wake' } | { type: 'outcomes'; records: OutcomeRecord[] } | { type: 'stop' };

/**
 * What the worker measured for one persisted batch. The metrics registry lives in the main
 * thread (one per server, served at /metrics), so the worker sends numbers, not observations.
 */
export interface DigestTimings {
  /** The claim that picked the batch (a database call). */
  claimSeconds: number;
  /** Persisting the batch, entry by entry if the batch's transaction failed. */
  persistSeconds: number;
  /** From the claim returning the batch to it being persisted: digest and persist. */
  batchSeconds: number;
  /** Per stored event: from ingest's acknowledgement (received_at) to being persisted. */
  eventLatencySeconds: number[];
}

export type FromDigest =
  | { type: 'digested'; count: number; events: number; timings: DigestTimings }
  | { type: 'entry_failed'; message: string }
  | { type: 'fatal'; message: string }
  /** Digest cannot make progress (storage fails it), or can again (undefined); on change. */
  | { type: 'health'; problem: string | undefined }
  | { type: 'stopped' };
