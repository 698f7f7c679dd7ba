/**
 * A channel's secrets are never shown back in full: the SMTP password and the webhook secret
 * not at all, receiver URLs (which embed tokens) as scheme, host and their last 4 characters.
 * What the API shows can be sent back as is: the masked values mean "keep what is saved".
 */
import { ApiError } from '../../api/errors.js';
import type { ChannelConfig, EmailChannelConfig } from '../types.js';
import type { ChannelConfigInput } from './validate-config.js';

export type MaskedChannelConfig =
  | (Omit<EmailChannelConfig, 'password'> & { password: null; passwordSet: boolean })
  | { kind: 'webhook'; url: string; secret: null; secretSet: boolean }
  | { kind: 'slack' | 'discord'; url: string };

export function maskChannelConfig(config: ChannelConfig): MaskedChannelConfig {
  switch (config.kind) {
    case 'email': {
      const { password, ...shown } = config;
      return { ...shown, password: null, passwordSet: password !== undefined };
    }
    case 'webhook':
      return {
        kind: 'webhook',
        url: maskUrl(config.url),
        secret: null,
        secretSet: config.secret !== undefined,
      };
    case 'slack':
    case 'discord':
      return { kind: config.kind, url: maskUrl(config.url) };
  }
}

/** `https://hooks.slack.com/…a9Zk`: enough to tell two channels apart, not enough to use one. */
export function maskUrl(raw: string): string {
  if (!URL.canParse(raw)) return '…';
  const url = new URL(raw);
  // A short path ("/hook") is no token; showing 4 characters of it would show all of it.
  const rest = `${url.pathname}${url.search}${url.hash}`;
  const tail = rest.length > 8 ? url.href.slice(-4) : '';
  return `${url.protocol}//${url.host}/…${tail}`;
}

/**
 * The config to save from what a PUT (or POST, with no `previous`) sent as `body.config`: a
 * secret that was omitted, null, or sent back masked keeps the saved value; "" removes an
 * optional secret. A kind change keeps nothing, since the old secrets belong to another
 * service. Throws a 400 ApiError naming the field when a secret must be sent again.
 */
export function mergeChannelSecrets(
  previous: ChannelConfig | undefined,
  incoming: ChannelConfigInput,
): ChannelConfig {
  const saved = previous?.kind === incoming.kind ? previous : undefined;
  switch (incoming.kind) {
    case 'email': {
      const { password, username, allowSelfSigned, ...rest } = incoming;
      const keep = password === undefined || password === null;
      const savedPassword = saved?.kind === 'email' ? saved.password : undefined;
      // The password goes to whichever server `host` names: one who may edit a channel but not
      // read its password must not be able to point it at their own server and collect it.
      const sameLogin =
        saved?.kind === 'email' && saved.host === rest.host && saved.username === username;
      if (keep && savedPassword !== undefined && username !== undefined && !sameLogin) {
        throw invalidConfig('password', 'the host or user name changed: enter the password again');
      }
      const kept = keep ? savedPassword : password;
      return {
        ...rest,
        ...(username === undefined ? {} : { username }),
        ...(username === undefined || kept === undefined || kept === '' ? {} : { password: kept }),
        ...(allowSelfSigned === undefined ? {} : { allowSelfSigned }),
      };
    }
    case 'webhook': {
      const url = mergeUrl(saved?.kind === 'webhook' ? saved.url : undefined, incoming.url);
      const savedSecret = saved?.kind === 'webhook' ? saved.secret : undefined;
      const given = incoming.secret ?? undefined;
      // Signed bodies sent somewhere new could be replayed to the old receiver: whoever moves
      // the webhook elsewhere must know the secret (or set a new one).
      const moved = saved?.kind === 'webhook' && new URL(saved.url).origin !== new URL(url).origin;
      if (given === undefined && savedSecret !== undefined && moved) {
        throw invalidConfig('secret', 'the URL moved to another server: enter the secret again');
      }
      const secret = given ?? savedSecret;
      return { kind: 'webhook', url, ...(secret === undefined || secret === '' ? {} : { secret }) };
    }
    case 'slack':
    case 'discord': {
      const savedUrl = saved?.kind === 'slack' || saved?.kind === 'discord' ? saved.url : undefined;
      const url = mergeUrl(savedUrl, incoming.url);
      return { kind: incoming.kind, url };
    }
  }
}

/** The URL to save: the saved one when `incoming` is its masked form. */
function mergeUrl(saved: string | undefined, incoming: string): string {
  if (saved !== undefined && incoming === maskUrl(saved)) return saved;
  if (incoming.includes('/…')) {
    throw invalidConfig('url', 'is masked but is not the saved URL: send the full URL');
  }
  return incoming;
}

/** Worded like validate.ts's answers, which name the field as `body.config.<field>`. */
function invalidConfig(field: string, message: string): ApiError {
  const path = `body.config.${field}`;
  return new ApiError('invalid_request', `${path}: ${message}`, { field: path });
}

/** Every string in the config that must never appear in a log line or an API answer. */
export function secretsOf(config: ChannelConfig): string[] {
  switch (config.kind) {
    case 'email':
      return config.password === undefined ? [] : [config.password];
    case 'webhook':
      return [...urlSecrets(config.url), ...(config.secret === undefined ? [] : [config.secret])];
    case 'slack':
    case 'discord':
      return urlSecrets(config.url);
  }
}

/** The whole URL, and its path and query on their own (a receiver may echo just those). */
function urlSecrets(raw: string): string[] {
  if (!URL.canParse(raw)) return [raw];
  const url = new URL(raw);
  const path = `${url.pathname}${url.search}`;
  return [raw, url.href, ...(path.length > 1 ? [path] : [])];
}
