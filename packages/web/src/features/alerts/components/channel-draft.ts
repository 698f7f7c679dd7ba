/**
 * A channel form's text, to and from the API's shapes. Secrets are never in a draft: the API
 * shows them masked, and an empty secret field on edit sends "keep the saved one".
 */
import type {
  AlertChannelConfigInput,
  AlertChannelJson,
  AlertChannelKind,
} from '../../../lib/client';

export interface ChannelDraft {
  name: string;
  kind: AlertChannelKind;
  host: string;
  port: string;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  password: string;
  removePassword: boolean;
  from: string;
  to: string;
  allowSelfSigned: boolean;
  url: string;
  secret: string;
  removeSecret: boolean;
}

export const KIND_LABELS: Record<AlertChannelKind, string> = {
  email: 'Email (SMTP)',
  webhook: 'Webhook',
  slack: 'Slack-compatible',
  discord: 'Discord',
};

export const EMPTY_DRAFT: ChannelDraft = {
  name: '',
  kind: 'webhook',
  host: '',
  port: '587',
  security: 'starttls',
  username: '',
  password: '',
  removePassword: false,
  from: '',
  to: '',
  allowSelfSigned: false,
  url: '',
  secret: '',
  removeSecret: false,
};

export function draftOfChannel(channel: AlertChannelJson): ChannelDraft {
  const draft = { ...EMPTY_DRAFT, name: channel.name, kind: channel.kind };
  const config = channel.config;
  if (config.kind === 'email') {
    return {
      ...draft,
      host: config.host,
      port: String(config.port),
      security: config.security,
      username: config.username ?? '',
      from: config.from,
      to: config.to.join(', '),
      allowSelfSigned: config.allowSelfSigned === true,
    };
  }
  return draft;
}

/** What was saved and is not shown: how the form says "leave empty to keep". */
export function savedSecrets(channel: AlertChannelJson | undefined): {
  passwordSet: boolean;
  secretSet: boolean;
  maskedUrl: string | undefined;
} {
  const config = channel?.config;
  return {
    passwordSet: config?.kind === 'email' && config.passwordSet,
    secretSet: config?.kind === 'webhook' && config.secretSet,
    maskedUrl: config !== undefined && 'url' in config ? config.url : undefined,
  };
}

/** A secret field: empty keeps the saved one (null), "remove" clears it (""). */
function secretOf(text: string, remove: boolean): string | null {
  if (remove) return '';
  return text === '' ? null : text;
}

export function configOf(
  draft: ChannelDraft,
  saved: AlertChannelJson | undefined,
): AlertChannelConfigInput {
  // The masked URL sent back means "keep the saved URL"; only for the same kind of channel.
  const keptUrl =
    saved !== undefined && saved.kind === draft.kind ? savedSecrets(saved).maskedUrl : undefined;
  const url = draft.url.trim() === '' && keptUrl !== undefined ? keptUrl : draft.url.trim();
  switch (draft.kind) {
    case 'email': {
      const username = draft.username.trim();
      return {
        kind: 'email',
        host: draft.host.trim(),
        port: Number(draft.port),
        security: draft.security,
        ...(username === '' ? {} : { username }),
        password: secretOf(draft.password, draft.removePassword),
        from: draft.from.trim(),
        to: draft.to
          .split(/[\s,;]+/)
          .map((address) => address.trim())
          .filter((address) => address !== ''),
        allowSelfSigned: draft.allowSelfSigned,
      };
    }
    case 'webhook':
      return { kind: 'webhook', url, secret: secretOf(draft.secret, draft.removeSecret) };
    case 'slack':
    case 'discord':
      return { kind: draft.kind, url };
  }
}

/** One line about where a channel sends, from what the API shows (masked). */
export function describeChannel(channel: AlertChannelJson): string {
  const config = channel.config;
  switch (config.kind) {
    case 'email':
      return `${config.host}:${config.port} (${config.security}) from ${config.from} to ${config.to.join(', ')}${config.passwordSet ? ' · password saved' : ''}`;
    case 'webhook':
      return `${config.url}${config.secretSet ? ' · signed (secret saved)' : ''}`;
    case 'slack':
    case 'discord':
      return config.url;
  }
}
