/**
 * Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat…): `{"text": …}` in
 * Slack's mrkdwn, each issue a `<url|title>` link.
 */
import type { AlertMessage, ChatChannelConfig } from '../types.js';
import type { ChannelSender } from './channel-sender.js';
import { chatText, type ChatMarkup } from './chat-text.js';
import { postJson } from './post-json.js';

export const sendSlack: ChannelSender<ChatChannelConfig> = async function sendSlack(
  config,
  message,
  options,
) {
  return postJson(config.url, JSON.stringify(slackPayload(message)), {}, options);
};

export function slackPayload(message: AlertMessage): { text: string } {
  return { text: chatText(message, SLACK_MARKUP) };
}

const SLACK_MARKUP: ChatMarkup = {
  escape: escapeSlack,
  bold: (escaped) => `*${escaped}*`,
  // `|` ends the URL part of a link, so it may not appear unencoded in one.
  link: (escapedText, url) => `<${escapeSlack(url).replaceAll('|', '%7C')}|${escapedText}>`,
  // Slack takes 40 000; Mattermost splits posts over 16 383; a notification needs far less.
  maxChars: 4000,
};

/**
 * Slack's rule: `&`, `<` and `>` become entities, which stops `<!channel>` and fake links.
 * Mattermost and Rocket.Chat also ping on a plain `@channel`/`@all`/`@name`, so a zero-width
 * space after each `@` keeps event text from notifying anyone.
 */
export function escapeSlack(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/@(?=\w)/g, '@\u200B');
}
