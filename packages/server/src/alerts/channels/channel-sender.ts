/**
 * The shape every channel module shares: one `send` function taking its own kind of config.
 * deliver.ts picks the module by `kind`; each module only talks its protocol.
 */
import type { AlertMessage, ChannelConfig, DeliveryResult } from '../types.js';

export interface SendOptions {
  /** Aborted when the caller gives up (shutdown): the attempt stops and reports retryable. */
  signal: AbortSignal;
  /** Unix seconds; the webhook's signed timestamp. */
  now: number;
  /** The longest one attempt may take, in milliseconds. */
  timeoutMs: number;
}

export type ChannelSender<Config extends ChannelConfig> = (
  config: Config,
  message: AlertMessage,
  options: SendOptions,
) => Promise<DeliveryResult>;

/** One signal for "stop now": the caller's, or the attempt's own deadline. */
export function attemptSignal(options: SendOptions): AbortSignal {
  return AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
}

/** Why an aborted attempt stopped, for the attempt log. Both causes are worth another try. */
export function describeAbort(options: SendOptions): DeliveryResult {
  const detail = options.signal.aborted
    ? 'Aborted before the receiver answered'
    : `Timed out after ${formatSeconds(options.timeoutMs)}`;
  return { ok: false, detail, retryable: true };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
