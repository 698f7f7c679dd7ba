/**
 * Delivery of one notification over one channel: the durable queue calls this per attempt and
 * logs the result. It never throws: every failure comes back as `{ok: false, detail,
 * retryable}`, its detail a short line with the channel's secrets taken out.
 */
import type { AlertMessage, ChannelConfig, DeliveryResult } from '../types.js';
import type { SendOptions } from './channel-sender.js';
import { sendDiscord } from './discord.js';
import { sendEmail } from './email.js';
import { secretsOf } from './mask-secrets.js';
import { oneLine } from './outline-message.js';
import { sendSlack } from './slack.js';
import { sendWebhook } from './webhook.js';

export interface DeliverOptions {
  /** Abort to stop the attempt (shutdown); it then reports a retryable failure. */
  signal: AbortSignal;
  /** Unix seconds; default the clock. */
  now?: number;
  /** The longest one attempt may take; default 10 s. */
  timeoutMs?: number;
}

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export async function deliver(
  config: ChannelConfig,
  message: AlertMessage,
  options: DeliverOptions,
): Promise<DeliveryResult> {
  const sendOptions: SendOptions = {
    signal: options.signal,
    now: options.now ?? Math.floor(Date.now() / 1000),
    timeoutMs: options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
  };
  let result: DeliveryResult;
  try {
    result = await send(config, message, sendOptions);
  } catch (error) {
    // A bug of ours, not the receiver's answer: worth another try after a fix or a restart.
    const reason = error instanceof Error ? error.message : String(error);
    result = { ok: false, detail: `Internal error: ${oneLine(reason, 200)}`, retryable: true };
  }
  return { ...result, detail: redactSecrets(result.detail, secretsOf(config)) };
}

function send(config: ChannelConfig, message: AlertMessage, options: SendOptions) {
  switch (config.kind) {
    case 'email':
      return sendEmail(config, message, options);
    case 'webhook':
      return sendWebhook(config, message, options);
    case 'slack':
      return sendSlack(config, message, options);
    case 'discord':
      return sendDiscord(config, message, options);
  }
}

/**
 * Receivers echo what they got (a 404 page quoting the path with its token; an SMTP server
 * quoting a login), so every secret is cut out of the detail whatever produced it. Secrets
 * under 4 characters are left: cutting "a" out of every word would say nothing useful, and a
 * secret that short is no secret.
 */
function redactSecrets(detail: string, secrets: string[]): string {
  let redacted = detail;
  const longestFirst = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) redacted = redacted.replaceAll(secret, '[redacted]');
  return redacted;
}
