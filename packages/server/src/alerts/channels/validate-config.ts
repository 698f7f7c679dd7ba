/**
 * What the API accepts as a channel's config, per kind. The secrets (SMTP password, webhook
 * secret, receiver URLs) follow mask-secrets.ts: sending back what the API showed keeps them.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { httpUrl } from './http-url.js';

/** A DNS name (RFC 1123 labels) or an IP address. */
const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine(
    (host) =>
      isIP(host) !== 0 || /^(?!-)[a-z\d-]{1,63}(?<!-)(\.(?!-)[a-z\d-]{1,63}(?<!-))*$/i.test(host),
    'must be a host name or an IP address',
  );

/** The HTML form rule rather than a stricter one: internal relays deliver to `ops@localhost`. */
const emailAddress = z.email({ pattern: z.regexes.html5Email }).max(254);

/** A stored secret: omitted or null keeps the saved one, "" removes it, anything else replaces it. */
const secretInput = z.string().max(1000).nullable().optional();

const receiverUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((url) => httpUrl(url) !== undefined, 'must be an http:// or https:// URL')
  .refine((url) => {
    const parsed = httpUrl(url);
    return parsed === undefined || (parsed.username === '' && parsed.password === '');
  }, 'must not contain a user name or password (the webhook secret signs requests instead)');

export const emailConfigInput = z.object({
  kind: z.literal('email'),
  host: hostName,
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  username: z
    .string()
    .min(1)
    .max(254)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters')
    .optional(),
  password: secretInput,
  from: emailAddress,
  to: z.array(emailAddress).min(1).max(50),
  allowSelfSigned: z.boolean().optional(),
});

export const webhookConfigInput = z.object({
  kind: z.literal('webhook'),
  url: receiverUrl,
  secret: secretInput,
});

export const chatConfigInput = z.object({
  kind: z.enum(['slack', 'discord']),
  url: receiverUrl,
});

export const channelConfigInput = z.discriminatedUnion('kind', [
  emailConfigInput,
  webhookConfigInput,
  chatConfigInput,
]);

export type ChannelConfigInput = z.output<typeof channelConfigInput>;
