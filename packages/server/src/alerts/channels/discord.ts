/**
 * Discord webhooks: `{"content": …}` in Discord's markdown, at most 2000 characters, with
 * `allowed_mentions.parse` empty so that an event titled "@everyone" pings nobody.
 */
import type { AlertMessage, ChatChannelConfig } from '../types.js';
import type { ChannelSender } from './channel-sender.js';
import { chatText, type ChatMarkup } from './chat-text.js';
import { postJson } from './post-json.js';

export const sendDiscord: ChannelSender<ChatChannelConfig> = async function sendDiscord(
  config,
  message,
  options,
) {
  return postJson(config.url, JSON.stringify(discordPayload(message)), {}, options);
};

export interface DiscordPayload {
  content: string;
  allowed_mentions: { parse: [] };
}

export function discordPayload(message: AlertMessage): DiscordPayload {
  return { content: chatText(message, DISCORD_MARKUP), allowed_mentions: { parse: [] } };
}

export const DISCORD_MAX_CHARS = 2000;

const DISCORD_MARKUP: ChatMarkup = {
  escape: escapeDiscord,
  bold: (escaped) => `**${escaped}**`,
  // `<…>` around the URL keeps Discord from adding a preview embed per issue; the brackets
  // and parentheses are encoded so that the URL cannot end the link early.
  link: (escapedText, url) => `[${escapedText}](<${url.replace(/[()<>]/g, percentEncode)}>)`,
  maxChars: DISCORD_MAX_CHARS,
};

/** encodeURIComponent leaves `(` and `)` alone, so it cannot do this. */
function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * A backslash before each character Discord's markdown gives a meaning to: emphasis, code,
 * spoilers, quotes, headings, masked links `[text](url)` and `<@id>`/`<#id>`/`<t:…>` tags.
 */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|<>[\]()#]/g, '\\$&');
}
