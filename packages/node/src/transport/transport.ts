/** What the client needs from a transport; `init({ transport })` can swap in another. */
import type { Dsn, Envelope } from '@faultline/protocol';

export interface Transport {
  /** Queues the envelope and returns at once; never throws, never waits for the network. */
  send(envelope: Envelope): void;
  /** True when everything queued was sent (or given up on) within the timeout. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Whether anything is queued or in flight. */
  hasPending(): boolean;
  /** Counts an event dropped before it reached the transport, for client reports. */
  recordDiscard?(reason: string, category: string): void;
}

export interface TransportOptions {
  dsn: Dsn;
  sdkName: string;
  sdkVersion: string;
  log: (message: string) => void;
}

export type TransportFactory = (options: TransportOptions) => Transport;
