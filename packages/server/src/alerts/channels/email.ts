/**
 * Email over SMTP: one nodemailer transport per send (a notification is rare enough that a
 * pool would only hold idle connections), text and HTML bodies from format-message.ts.
 */
import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import type { EmailChannelConfig } from '../types.js';
import { attemptSignal, describeAbort, type ChannelSender } from './channel-sender.js';
import { formatMessage } from './format-message.js';
import { describeNetworkError, type FailureDescription } from './network-error.js';
import { oneLine } from './outline-message.js';

export const sendEmail: ChannelSender<EmailChannelConfig> = async function sendEmail(
  config,
  message,
  options,
) {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    // Under `none` nodemailer still upgrades when the server offers STARTTLS: sending the
    // password in the clear to a server that could have taken it encrypted helps no one.
    requireTLS: config.security === 'starttls',
    ...(config.username === undefined
      ? {}
      : { auth: { user: config.username, pass: config.password ?? '' } }),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    dnsTimeout: options.timeoutMs,
    tls: { rejectUnauthorized: config.allowSelfSigned !== true, minVersion: 'TLSv1.2' },
    logger: false,
  });
  const signal = attemptSignal(options);
  const { subject, text, html } = formatMessage(message);
  try {
    const info = await transport.sendMail({
      from: { name: 'Faultline', address: config.from },
      to: config.to,
      subject,
      text,
      html,
      signal,
    });
    const rejected = info.rejected.length === 0 ? '' : ` (refused: ${info.rejected.join(', ')})`;
    return { ok: true, detail: `${oneLine(info.response, 200)}${rejected}` };
  } catch (error) {
    if (signal.aborted) return describeAbort(options);
    return { ok: false, ...describeSmtpError(error) };
  } finally {
    transport.close();
  }
};

/**
 * Failures that no retry mends: the server refused our settings (wrong credentials, no STARTTLS
 * when it is required, a certificate we do not trust, a malformed address).
 */
const CONFIG_ERROR_CODES = new Set([
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
  'EENVELOPE',
  'ETLS',
  'EREQUIRETLS',
]);

function describeSmtpError(thrown: unknown): FailureDescription {
  // Every property nodemailer adds to its errors is optional, so any Error reads as one.
  const error: NodemailerError = thrown instanceof Error ? thrown : new Error(String(thrown));
  const message = oneLine(error.message, 300);
  if (error.responseCode !== undefined) {
    // RFC 5321: 4yz replies are transient (421 closing, 450 mailbox busy, 454 auth unavailable),
    // 5yz permanent (535 bad credentials, 550 no such mailbox).
    return { detail: message, retryable: error.responseCode < 500 };
  }
  if (error.code !== undefined && CONFIG_ERROR_CODES.has(error.code)) {
    return { detail: message, retryable: false };
  }
  if (error.code === 'ETIMEDOUT') {
    // nodemailer's message is only "Timeout"; which wait it was says where the server stalled.
    return {
      detail: `SMTP timeout (${error.timeoutType ?? 'waiting for the server'})`,
      retryable: true,
    };
  }
  // Refused, reset, DNS; and certificates, which describeNetworkError tells apart.
  return describeNetworkError(error);
}
